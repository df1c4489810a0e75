namespace Faas.Core.Languages;

/// <summary>
/// The program a language's workers run on, and how to tell whether it is there: the first line
/// <c>Executable VersionArguments</c> prints is its version. A second line naming an existing file is
/// the real executable behind a shim (pyenv), which workers then start directly.
/// </summary>
/// <param name="Name">The runtime, for people: <c>Ruby</c>.</param>
/// <param name="Executable">As configured: a name on the PATH or a path.</param>
/// <param name="Setting">The setting that points at another executable, for the error message.</param>
/// <param name="InstallHint">How to install it: <c>apt-get install ruby ruby-bundler</c>.</param>
/// <param name="RequiredFiles">Files the worker needs besides the runtime (its script), checked too.</param>
public sealed record RuntimeRequirement(
    string Name,
    string Executable,
    IReadOnlyList<string> VersionArguments,
    string Setting,
    string InstallHint,
    IReadOnlyList<string> RequiredFiles);
