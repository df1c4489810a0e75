namespace Faas.Core.Workers;

/// <summary>Everything needed to start an app's workers: where the app is and what it runs with.</summary>
/// <param name="Environment">The app's env vars, given to every worker.</param>
/// <param name="LanguageEnvironment">Extra env vars for one language's workers only (Bundler's, the TypeScript compiler's path).</param>
public sealed record WorkerLaunch(
    WorkerRuntimes Runtimes,
    WorkerOptions Options,
    string AppDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> ImportPaths,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? LanguageEnvironment = null)
{
    /// <summary>Where the workers' start, exit, kill and timeout events are logged, with the app's name.</summary>
    public WorkerEvents Events { get; init; } = WorkerEvents.None;

    /// <summary>The environment of <paramref name="language"/>'s workers: the app's, then the language's own on top.</summary>
    public Dictionary<string, string> EnvironmentFor(string language)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        if (LanguageEnvironment is not null && LanguageEnvironment.TryGetValue(language, out var extra))
        {
            foreach (var (key, value) in extra)
            {
                environment[key] = value;
            }
        }
        return environment;
    }
}
