namespace Faas.Cli;

/// <summary>
/// What the CLI reads from its surroundings: environment variables, the current folder and where it keeps
/// its state (the background server's pid). Tests pass their own, so runs in one process never share any.
/// </summary>
internal sealed record CliEnvironment(Func<string, string?> Variable, string CurrentDirectory)
{
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory);

    /// <summary><c>FAAS_HOME</c>, else <c>~/.faas</c>: the state file of the server <c>faas up</c>/<c>faas serve -d</c> started.</summary>
    public string StateDirectory =>
        Variable("FAAS_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".faas");

    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
