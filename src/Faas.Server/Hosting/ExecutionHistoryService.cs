using Faas.Core.Deployments;
using Faas.Core.Executions;

namespace Faas.Server.Hosting;

/// <summary>
/// Runs the execution history's background writer, prunes old executions every
/// <see cref="ExecutionOptions.PruneInterval"/> (on the injected clock) and drops a deleted app's history.
/// </summary>
internal sealed partial class ExecutionHistoryService(
    ExecutionRecorder recorder, ExecutionStore store, DeploymentManager manager, DeploymentRegistry registry, TimeProvider time, ILogger<ExecutionHistoryService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer;
    private ITimer? _prune;
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        manager.AppDeleted += DeleteApp;
        _writer = Task.Run(() => recorder.RunAsync(_stopping.Token), CancellationToken.None);
        if (recorder.Enabled)
        {
            var interval = recorder.Options.PruneInterval;
            _prune = time.CreateTimer(_ => Prune(), null, TimeSpan.Zero, interval);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        manager.AppDeleted -= DeleteApp;
        if (_prune is not null)
        {
            await _prune.DisposeAsync();
        }
        // Stop may come after the container disposed this service (a test host's teardown): the token is then already cancelled.
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
        }
        if (_writer is not null)
        {
            // What is queued is written before the server exits (calls have ended by now).
            await _writer.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (recorder.Dropped > 0)
        {
            LogDropped(recorder.Dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_prune is not null)
        {
            await _prune.DisposeAsync();
        }
        // Not disposed: StopAsync may still come; a source without a timer holds nothing to release.
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
        }
    }

    /// <summary>One clean-up pass now (the timer's; tests call it).</summary>
    internal void Prune()
    {
        try
        {
            recorder.Prune(OwnRetention());
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogPruneFailed(e);
        }
    }

    /// <summary>The apps whose active version's <c>faas.json</c> sets how much history they keep.</summary>
    private Dictionary<string, HistoryRetention> OwnRetention()
    {
        var own = new Dictionary<string, HistoryRetention>(StringComparer.Ordinal);
        foreach (var deployment in registry.All)
        {
            if (deployment.Runtime?.Options is { } options && (options.HistoryMaxAge is not null || options.HistoryMaxCount is not null))
            {
                own[deployment.Name.Value] = new HistoryRetention(options.HistoryMaxAge, options.HistoryMaxCount);
            }
        }
        return own;
    }

    private void DeleteApp(string app)
    {
        try
        {
            store.DeleteApp(app);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogPruneFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution history: {Count} records or log lines were dropped since start-up (the writer fell behind).")]
    private partial void LogDropped(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution history: clean-up failed.")]
    private partial void LogPruneFailed(Exception exception);
}
