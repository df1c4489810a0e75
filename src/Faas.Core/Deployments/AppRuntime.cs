using Faas.Core.Calls;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Rpc;
using Faas.Core.Workers;

namespace Faas.Core.Deployments;

/// <summary>
/// A loaded app: one worker per language and the table of its functions. When two scripts export
/// the same name, the first one loaded owns it (manifests are read shallowest-first, then by path)
/// and the shadowed one is noted in the log. A worker that has died is started again on the next call.
/// </summary>
public sealed class AppRuntime : IAsyncDisposable
{
    private readonly Dictionary<string, LanguageWorker> _workers;
    private readonly Dictionary<string, (FunctionInfo Function, LanguageWorker Worker)> _functions;

    private AppRuntime(
        IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>> packages,
        Dictionary<string, LanguageWorker> workers,
        Dictionary<string, (FunctionInfo, LanguageWorker)> functions)
    {
        Packages = packages;
        _workers = workers;
        _functions = functions;
    }

    /// <summary>Loaded handles by language id, as inspect shows them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>> Packages { get; }

    public IEnumerable<int> WorkerProcessIds => _workers.Values.SelectMany(w => w.ProcessIds);

    public static async Task<AppRuntime> StartAsync(AppManifest manifest, WorkerLaunch launch, AppLog log, CancellationToken cancellationToken)
    {
        var packages = new Dictionary<string, IReadOnlyList<LoadedHandle>>(StringComparer.Ordinal);
        var workers = new Dictionary<string, LanguageWorker>(StringComparer.Ordinal);
        var functions = new Dictionary<string, (FunctionInfo, LanguageWorker)>(StringComparer.Ordinal);
        try
        {
            foreach (var (language, scripts) in manifest.ScriptsByLanguage)
            {
                if (language == WorkerRuntimes.File)
                {
                    packages[language] = [.. scripts.Select(s => new LoadedHandle(s.Name, [], StaticHandles.EmptyFuncs))];
                    continue;
                }
                var worker = new LanguageWorker(language, scripts, launch, log);
                workers[language] = worker;
                var handles = await worker.StartAsync(cancellationToken).ConfigureAwait(false);
                packages[language] = handles;
                foreach (var function in handles.SelectMany(h => h.Functions))
                {
                    if (!functions.TryAdd(function.Name, (function, worker)))
                    {
                        log.Write("faas", $"The {language} function '{function.Name}' is shadowed by the {functions[function.Name].Item2.Language} one of the same name.");
                    }
                }
            }
        }
        catch
        {
            foreach (var worker in workers.Values)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
        return new AppRuntime(packages, workers, functions);
    }

    public bool TryGetFunction(string name, out FunctionInfo function)
    {
        var found = _functions.TryGetValue(name, out var entry);
        function = entry.Function;
        return found;
    }

    public async Task<RpcResponse> CallAsync(FunctionInfo function, CallArguments arguments, CancellationToken cancellationToken)
    {
        var worker = _functions[function.Name].Worker;
        return await worker.CallAsync(function.Name, arguments, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Values.Select(w => w.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
