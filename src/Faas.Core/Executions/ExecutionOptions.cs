namespace Faas.Core.Executions;

/// <summary>The execution history, bound from <c>Faas:Executions</c> (docs/configuration.md).</summary>
public sealed class ExecutionOptions
{
    /// <summary>False records nothing (no history, no execution log lines); calls still get execution ids.</summary>
    public bool Record { get; set; } = true;

    /// <summary>Executions older than this are deleted, per app.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Each app keeps at most this many executions (the newest).</summary>
    public int MaxPerApp { get; set; } = 10_000;

    /// <summary>How often old executions are pruned.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Records and log lines waiting for the background writer; past this they are dropped (and counted), never waited for.</summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>
    /// How long the writer lets a batch gather once something is queued: under load most calls have ended
    /// by the time it takes them (one finished row each, one transaction for hundreds of calls).
    /// </summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most items written in one transaction.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// True sends an HTTP function's error detail (message, type, where) to its caller in the 500's
    /// <c>"detail"</c>; by default it stays in the execution record only (in every environment: the
    /// record, <c>GET /api/executions/{id}</c>, is where a developer reads it).
    /// </summary>
    public bool ShowErrorDetails { get; set; }
}
