using Faas.Core.Languages;

namespace Faas.Core.Workers;

/// <summary>Everything needed to start an app's workers: where the app is, and how each of its languages' workers start.</summary>
/// <param name="Workers">By language id: the language and its workers' start, the app's env included.</param>
/// <param name="Sandbox">How the workers are isolated; null: not at all (they inherit the server's environment).</param>
public sealed record WorkerLaunch(WorkerOptions Options, string AppDirectory, IReadOnlyDictionary<string, LanguageWorker> Workers, WorkerSandbox? Sandbox = null)
{
    public LanguageWorker Worker(string language) => Workers.TryGetValue(language, out var worker)
        ? worker
        : throw new FaasException(FaasError.BadRequest, $"There is no worker for the language '{language}'.");

    /// <summary>Where the workers' start, exit, kill and timeout events are logged, with the app's name.</summary>
    public WorkerEvents Events { get; init; } = WorkerEvents.None;
}
