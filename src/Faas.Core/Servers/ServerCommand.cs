namespace Faas.Core.Servers;

/// <summary>
/// How one server process starts: the program and its arguments (never a shell), its folder and its
/// environment, a command that removes what it leaves behind once it is killed (a container), and that container's name.
/// </summary>
public sealed record ServerCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<string>? CleanupArguments = null,
    string? Container = null);
