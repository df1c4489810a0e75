using System.Collections.Concurrent;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Languages;

/// <summary>
/// The registered languages and their runtimes on this machine. Each runtime is probed once per
/// server run (all in the background at start-up; a deploy waits for the probe it needs), so the
/// server starts whatever is missing, and only the apps needing a missing runtime fail, naming it.
/// </summary>
public sealed class LanguageRuntimes(LanguageRegistry languages, WorkerOptions options, DataLayout layout, Processes.Isolation? isolation = null)
{
    // Keyed by what is run, so languages sharing a runtime (node and ts) share its probe.
    private readonly ConcurrentDictionary<string, Lazy<Task<RuntimeStatus>>> _probes = new(StringComparer.Ordinal);

    public LanguageRegistry Languages => languages;

    /// <summary>Starts probing every language's runtime, without waiting.</summary>
    public void ProbeAll()
    {
        foreach (var language in languages.All)
        {
            _ = Probe(language);
        }
    }

    /// <summary>What the probe of <paramref name="language"/>'s runtime found (waiting for it if it is running).</summary>
    public Task<RuntimeStatus> StatusAsync(ILanguage language, CancellationToken cancellationToken) =>
        Probe(language).WaitAsync(cancellationToken);

    /// <summary>
    /// <paramref name="language"/>'s runtime, or a 400 naming what to install (a deploy reports it as 422).
    /// A runtime found missing is probed again first, so one installed since start-up is found.
    /// </summary>
    public async Task<RuntimeStatus> RequireAsync(ILanguage language, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(language, cancellationToken).ConfigureAwait(false);
        if (!status.Available)
        {
            var requirement = language.Runtime(options);
            var failed = _probes.GetValueOrDefault(Key(requirement));
            if (failed is not null)
            {
                _probes.TryUpdate(Key(requirement), new Lazy<Task<RuntimeStatus>>(() => RuntimeProbe.RunAsync(requirement)), failed);
            }
            status = await StatusAsync(language, cancellationToken).ConfigureAwait(false);
        }
        return status.Available ? status : throw new FaasException(FaasError.BadRequest, status.Problem!);
    }

    /// <summary>
    /// How each language of <paramref name="manifest"/> starts for this app: its runtime checked (a
    /// missing one fails, naming what to install), its own preparation done, the app's env underneath.
    /// </summary>
    public async Task<WorkerLaunch> PrepareLaunchAsync(
        AppManifest manifest, string appDirectory, string dependenciesDirectory, IReadOnlyDictionary<string, string> environment,
        AppLog log, CancellationToken cancellationToken)
    {
        var workers = new Dictionary<string, LanguageWorker>(StringComparer.Ordinal);
        foreach (var id in manifest.Languages.Where(l => l != StaticFiles.Id))
        {
            var language = languages.Get(id);
            var runtime = await RequireAsync(language, cancellationToken).ConfigureAwait(false);
            var context = new LaunchContext(options, appDirectory, dependenciesDirectory, ToolsDirectory, runtime, log, isolation);
            var start = await language.LaunchAsync(context, cancellationToken).ConfigureAwait(false);
            var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
            foreach (var (name, value) in start.Environment)
            {
                // The language's own win: Bundler must find the gems where they were installed, whatever the app's env says.
                merged[name] = value;
            }
            workers[id] = new LanguageWorker(language, start with { Environment = merged });
        }
        var sandbox = isolation is null ? null : new WorkerSandbox(isolation, appDirectory, dependenciesDirectory, layout.DependencyCacheDirectory,
            [options.ResolveWorkersDirectory(), ToolsDirectory]);
        return new WorkerLaunch(options, appDirectory, workers, sandbox) { AppEnvironment = environment };
    }

    private string ToolsDirectory => Path.Combine(layout.Root, "runtimes");

    private Task<RuntimeStatus> Probe(ILanguage language)
    {
        var requirement = language.Runtime(options);
        return _probes.GetOrAdd(Key(requirement), _ => new Lazy<Task<RuntimeStatus>>(() => RuntimeProbe.RunAsync(requirement))).Value;
    }

    private static string Key(RuntimeRequirement requirement) =>
        string.Join('\0', [requirement.Executable, .. requirement.VersionArguments, .. requirement.RequiredFiles]);
}
