using Faas.Core.Languages;

namespace Faas.Core.Pools;

/// <summary>
/// How each app's worker pools behave. Server-wide defaults come from the <c>Faas:Pools</c> section;
/// an app can override any of them in a <c>faas.json</c> at its root (see docs/configuration.md).
/// </summary>
public sealed record PoolOptions
{
    /// <summary>Workers kept per language while the app is in use.</summary>
    public int MinWorkers { get; init; } = 1;

    /// <summary>Most workers per language; more are started while calls queue.</summary>
    public int MaxWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Calls one worker runs at a time, by language id or alias; a language not listed runs its own
    /// default (Python: 1), else <see cref="DefaultConcurrency"/>.
    /// </summary>
    public Dictionary<string, int> ConcurrencyPerWorker { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public int DefaultConcurrency { get; init; } = 256;

    /// <summary>
    /// Calls queued on a worker that runs one call at a time in order (a concurrency of 1 and a worker
    /// that says it is ordered: Python) behind the running one, so its next request is already in its
    /// stdin when it finishes (pipelining). 0 turns pipelining off.
    /// </summary>
    public int PipelineDepth { get; init; } = 4;

    /// <summary>Calls that may wait for a worker; past this a call gets 503 with Retry-After.</summary>
    public int MaxQueuedCalls { get; init; } = 1000;

    /// <summary>Per-call timeout (504); the <c>X-Faas-Timeout</c> header (seconds) can ask for less or more.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long without calls every worker of the app stops; the next call starts one.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A worker beyond <see cref="MinWorkers"/> idle this long is stopped.</summary>
    public TimeSpan ScaleDownAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed worker starts before the app is marked <c>fail</c>.</summary>
    public int MaxStartFailures { get; init; } = 5;

    /// <summary>First wait before restarting a crashed worker; doubles per consecutive failure, up to 5 s.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Memory limit per worker in MiB (0 = none), applied by each language its own way (the V8 heap for Node.js, RLIMIT_AS for Python).</summary>
    public int MemoryLimitMb { get; init; } = 512;

    /// <summary>Open files and sockets per worker process (RLIMIT_NOFILE; 0 = the server's).</summary>
    public int MaxOpenFiles { get; init; } = 4096;

    /// <summary>Processes (and threads) a worker may run (a pids cgroup where one can be made, RLIMIT_NPROC inside the sandbox; 0 = no limit).</summary>
    public int MaxProcesses { get; init; } = 256;

    /// <summary>The largest file a worker may write, in MiB (RLIMIT_FSIZE; 0 = no limit).</summary>
    public int MaxFileSizeMb { get; init; } = 1024;

    /// <summary>CPU seconds one worker process may use in its life (RLIMIT_CPU; 0 = no limit): a runaway background loop is killed, and the worker replaced.</summary>
    public int CpuLimitSeconds { get; init; } = 3600;

    /// <summary>Whether workers have a network (false: a sandbox of their own with only loopback; needs bwrap).</summary>
    public bool Network { get; init; } = true;

    /// <summary>
    /// The worker's limits. Its memory cgroup (where one can be made) is a backstop above the
    /// language's own limit, which fails a call more gently: twice it plus 256 MiB, for what that limit
    /// does not see (Node.js Buffers, native memory, the processes a worker starts, a C# project build).
    /// </summary>
    public Processes.ProcessLimits Limits =>
        new(MaxOpenFiles, MaxProcesses, MaxFileSizeMb, CpuLimitSeconds, MemoryLimitMb > 0 ? (MemoryLimitMb * 2) + 256 : 0);

    /// <summary>Which web pages may call the app from a browser (an app's <c>faas.json</c> only); null sends no CORS header.</summary>
    public Deployments.AppCors? Cors { get; init; }

    /// <summary>The function <c>/fn/{app}</c> calls with <c>(ctx, event)</c> (an app's <c>faas.json</c> <c>"handler"</c> only).</summary>
    public string HttpHandler { get; init; } = "handler";

    /// <summary>How long the app's executions are kept (an app's <c>faas.json</c> <c>"historyMaxAgeDays"</c> only); null: the server's <c>Faas:Executions:MaxAge</c>.</summary>
    public TimeSpan? HistoryMaxAge { get; init; }

    /// <summary>How many of the app's executions are kept (<c>faas.json</c> <c>"historyMaxCount"</c> only); null: the server's <c>Faas:Executions:MaxPerApp</c>.</summary>
    public int? HistoryMaxCount { get; init; }

    public int ConcurrencyFor(LanguageInfo language)
    {
        foreach (var name in language.Names)
        {
            if (ConcurrencyPerWorker.TryGetValue(name, out var value) && value > 0)
            {
                return value;
            }
        }
        return language.CallsPerWorker ?? DefaultConcurrency;
    }
}
