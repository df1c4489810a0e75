namespace Faas.Core.Workers;

/// <summary>Everything needed to start an app's workers: where the app is and what it runs with.</summary>
public sealed record WorkerLaunch(
    WorkerRuntimes Runtimes,
    WorkerOptions Options,
    string AppDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> ImportPaths);
