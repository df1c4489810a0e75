namespace Faas.Core.Processes;

/// <summary>
/// What one sandboxed process sees besides the system folders: the folders of its app it may read, the
/// ones it may write (its scratch folder always), where it starts, and whether it has a network.
/// </summary>
/// <param name="Scratch">Its own writable folder: <c>home/</c> is its HOME, <c>tmp/</c> its TMPDIR.</param>
/// <param name="ReadOnly">App folders (version, dependencies, cache entries): never symlinks, else they are left out.</param>
/// <param name="Trusted">Server folders read-only (workers, tools, runtimes): may be symlinks.</param>
public sealed record SandboxSpec(
    string WorkingDirectory,
    string Scratch,
    IReadOnlyList<string> ReadOnly,
    IReadOnlyList<string> Writable,
    IReadOnlyList<string> Trusted,
    bool Network)
{
    public string Home => Path.Combine(Scratch, "home");

    public string Temp => Path.Combine(Scratch, "tmp");
}
