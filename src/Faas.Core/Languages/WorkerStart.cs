using Faas.Core.Workers;

namespace Faas.Core.Languages;

/// <summary>How one language's workers start for one app.</summary>
/// <param name="Environment">Variables for these workers, on top of the app's own env.</param>
/// <param name="ImportPaths">Sent with <c>load</c>: where the worker also looks for modules (installed packages).</param>
public sealed record WorkerStart(WorkerCommand Command, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> ImportPaths)
{
    public WorkerStart(WorkerCommand command)
        : this(command, new Dictionary<string, string>(StringComparer.Ordinal), [])
    {
    }

    /// <summary>This start with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public WorkerStart WithVariable(string name, string value) =>
        this with { Environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal) { [name] = value } };

    /// <summary>This start with <paramref name="arguments"/> before its own (runtime options before the worker script).</summary>
    public WorkerStart WithLeadingArguments(params string[] arguments) =>
        this with { Command = Command with { Arguments = [.. arguments, .. Command.Arguments] } };

    /// <summary>
    /// This start run under <c>prlimit --as</c> (util-linux): the OS refuses allocations past the
    /// address-space limit. For runtimes that reserve little address space up front (not V8, not .NET).
    /// </summary>
    public WorkerStart WithAddressSpaceLimit(int megabytes) =>
        WithFewMallocArenas() with { Command = new WorkerCommand("prlimit", [$"--as={(long)megabytes * 1024 * 1024}", "--", Command.FileName, .. Command.Arguments]) };

    /// <summary>
    /// Under an address-space limit, glibc's per-thread malloc arenas (64 MiB of address space each, up
    /// to 8 per core) would use up the limit with a few threads and make thread creation fail: two are enough.
    /// </summary>
    public WorkerStart WithFewMallocArenas() => WithVariable("MALLOC_ARENA_MAX", "2");
}
