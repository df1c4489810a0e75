using Faas.Core.Languages;
using Faas.Core.Rpc;

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

    /// <summary>Answers the workers' requests (the app's platform services: kv, env, log); null: none.</summary>
    public IWorkerRequestHandler? Services { get; init; }

    /// <summary>Where the workers' printed lines go with the execution they belong to; null: the app's log only.</summary>
    public Executions.IExecutionLog? ExecutionLog { get; init; }

    /// <summary>The app's env as <see cref="Workers"/> were prepared with (the version's), underneath each language's own variables.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The app's env now (changed through the API since the version was deployed), read each time a
    /// worker starts; null, or a null answer: the version's own.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>?>? CurrentEnvironment { get; init; }

    /// <summary><paramref name="start"/> with the app's current env in place of the version's (the language's own variables still win).</summary>
    public WorkerStart WithCurrentEnvironment(WorkerStart start)
    {
        if (CurrentEnvironment?.Invoke() is not { } current)
        {
            return start;
        }
        var environment = new Dictionary<string, string>(start.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in AppEnvironment)
        {
            // Still the app's value (a language's own variable of the same name won, and stays).
            if (environment.TryGetValue(name, out var now) && now == value)
            {
                environment.Remove(name);
            }
        }
        foreach (var (name, value) in current)
        {
            environment.TryAdd(name, value);
        }
        return start with { Environment = environment };
    }
}
