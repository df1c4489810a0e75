using Faas.Core.Calls;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Pools;
using Faas.Core.Rpc;
using Faas.Core.Servers;
using Faas.Core.Workers;

namespace Faas.Core.Deployments;

/// <summary>
/// A loaded app: a worker pool per language and the table of its functions. When two scripts export
/// the same name, the first one loaded owns it (manifests are read shallowest-first, then by path)
/// and the shadowed one is noted in the log.
/// </summary>
public sealed class AppRuntime : IAsyncDisposable
{
    private readonly Dictionary<string, WorkerPool> _pools;
    private readonly Dictionary<string, (FunctionInfo Function, WorkerPool Pool)> _functions;

    private AppRuntime(IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>> packages, Dictionary<string, WorkerPool> pools, PoolOptions options, AppLog log)
    {
        Packages = packages;
        Options = options;
        _pools = pools;
        _functions = new(StringComparer.Ordinal);
        foreach (var (language, handles) in packages)
        {
            if (!pools.TryGetValue(language, out var pool))
            {
                continue;
            }
            foreach (var function in handles.SelectMany(h => h.Functions))
            {
                if (!_functions.TryAdd(function.Name, (function, pool)))
                {
                    log.Write("faas", $"The {language} function '{function.Name}' is shadowed by the {_functions[function.Name].Pool.Language} one of the same name.");
                }
            }
        }
    }

    /// <summary>Loaded handles by language id, as inspect shows them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>> Packages { get; }

    public PoolOptions Options { get; }

    /// <summary>The app's HTTP server, when the app is one (it then has no functions).</summary>
    public ServerProcess? Server { get; private init; }

    /// <summary>Each language's workers now (none for a server app, whose process is <see cref="Server"/>).</summary>
    public IReadOnlyList<PoolState> Pools => [.. _pools.Values.Select(p => p.State)];

    /// <summary>Raised when a pool gives up on starting workers.</summary>
    public event Action<string>? Failed;

    /// <summary>
    /// Starts every language's pool. With <paramref name="saved"/> handles (a restart) no worker is
    /// started: the first call starts one. Otherwise the first worker of each language loads now.
    /// </summary>
    public static async Task<AppRuntime> StartAsync(
        AppManifest manifest, WorkerLaunch launch, AppLog log, PoolOptions options, TimeProvider time,
        IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>>? saved, CancellationToken cancellationToken)
    {
        var packages = new Dictionary<string, IReadOnlyList<LoadedHandle>>(StringComparer.Ordinal);
        var pools = new Dictionary<string, WorkerPool>(StringComparer.Ordinal);
        try
        {
            foreach (var (language, scripts) in manifest.ScriptsByLanguage)
            {
                if (language == StaticFiles.Id)
                {
                    packages[language] = [.. scripts.Select(s => new LoadedHandle(s.Name, [], HandleReader.EmptyFuncs))];
                    continue;
                }
                var pool = new WorkerPool(language, scripts, launch, log, options, time);
                pools[language] = pool;
                if (saved is not null && saved.TryGetValue(language, out var handles))
                {
                    pool.StartCold();
                    packages[language] = handles;
                }
                else
                {
                    packages[language] = await pool.StartAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await Task.WhenAll(pools.Values.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }
        var runtime = new AppRuntime(packages, pools, options, log);
        foreach (var pool in pools.Values)
        {
            pool.Failed += reason => runtime.Failed?.Invoke(reason);
        }
        return runtime;
    }

    /// <summary>The runtime of an HTTP-server app: no pools, its server (started by the caller, or on the first request).</summary>
    public static AppRuntime ForServer(ServerProcess server, PoolOptions options, AppLog log)
    {
        var runtime = new AppRuntime(new Dictionary<string, IReadOnlyList<LoadedHandle>>(), [], options, log) { Server = server };
        server.Failed += reason => runtime.Failed?.Invoke(reason);
        return runtime;
    }

    public bool TryGetFunction(string name, out FunctionInfo function)
    {
        var found = _functions.TryGetValue(name, out var entry);
        function = entry.Function;
        return found;
    }

    /// <param name="execution">The execution id passed to the worker with the call (its log lines belong to it), or null.</param>
    public Task<RpcResponse> CallAsync(FunctionInfo function, CallArguments arguments, TimeSpan timeout, CancellationToken cancellationToken, string? execution = null) =>
        _functions[function.Name].Pool.CallAsync(function.Name, function.IsAsync, arguments, timeout, cancellationToken, execution);

    /// <summary>Stops its workers once their calls are done (a version that is no longer active); a later call starts them again.</summary>
    public void Park()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Park();
        }
        Server?.Park();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_pools.Values.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
