namespace Faas.Core.Languages;

/// <summary>What a language plans its installs from.</summary>
/// <param name="DependenciesDirectory">Where installs that live outside the app go, each language in a subfolder of its own.</param>
/// <param name="RequireRuntimeAsync">The language's runtime, probed if need be; a missing one fails the install naming what to install.</param>
public sealed record InstallContext(
    string AppDirectory,
    string DependenciesDirectory,
    Workers.WorkerOptions Options,
    Func<CancellationToken, Task<RuntimeStatus>> RequireRuntimeAsync);
