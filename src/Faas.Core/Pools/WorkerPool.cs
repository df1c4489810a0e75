using Faas.Core.Calls;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Rpc;
using Faas.Core.Workers;

namespace Faas.Core.Pools;

/// <summary>
/// An app's workers for one language. Calls take a free slot on the least busy worker, or wait in a
/// bounded queue while the pool grows up to its maximum; a full queue answers 503. Crashed workers
/// are replaced with back-off; a pool whose workers keep failing to start gives up and reports it.
/// Idle pools scale to zero and start again on the next call.
/// </summary>
internal sealed partial class WorkerPool : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<PoolSlot> _slots = [];
    // Callers that found no free slot wait here; the pool hands them slots as capacity appears.
    private readonly Queue<TaskCompletionSource<PoolSlot>> _waiting = new();
    private readonly string _language;
    private readonly IReadOnlyList<ScriptRef> _scripts;
    private readonly WorkerLaunch _launch;
    private readonly LanguageWorker _worker;
    private readonly AppLog _log;
    private readonly PoolOptions _options;
    private readonly TimeProvider _time;
    private readonly int _concurrency;
    private readonly ITimer _maintenance;
    private int _starting;
    private int _startFailures;
    private bool _scaledToZero;
    // Set when the pool's version stops being active: the next maintenance with no call in flight stops every worker.
    private bool _parking;
    private bool _disposed;
    private string? _failure;
    private long _lastActivity;

    public WorkerPool(string language, IReadOnlyList<ScriptRef> scripts, WorkerLaunch launch, AppLog log, PoolOptions options, TimeProvider time)
    {
        _language = language;
        _scripts = scripts;
        _launch = launch;
        _worker = launch.Worker(language);
        _log = log;
        _options = options;
        _time = time;
        _concurrency = options.ConcurrencyFor(_worker.Language.Info);
        _lastActivity = time.GetTimestamp();
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(options.IdleTimeout.Ticks, options.ScaleDownAfter.Ticks) / 4));
        _maintenance = time.CreateTimer(_ => Maintain(), null, tick, tick);
    }

    public string Language => _language;

    /// <summary>Raised once when the pool gives up on starting workers, under its lock and before any caller is told: a handler only records it.</summary>
    public event Action<string>? Failed;

    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.Where(s => !s.Process.HasExited).Select(s => s.Process.ProcessId)];
            }
        }
    }

    /// <summary>Its workers now: the live ones' pids, how many are starting, and why it gave up if it did.</summary>
    public PoolState State
    {
        get
        {
            lock (_gate)
            {
                var pids = _slots.Where(s => !s.Retired && !s.Process.HasExited).Select(s => s.Process.ProcessId).ToList();
                var state = _failure is not null ? ProcessStates.Failed
                    : pids.Count > 0 ? ProcessStates.Running
                    : _starting > 0 ? ProcessStates.Starting
                    : _scaledToZero || _parking || _disposed ? ProcessStates.Idle
                    : ProcessStates.Stopped;
                return new PoolState(_language, state, pids, _starting, _failure);
            }
        }
    }

    /// <summary>Starts the first worker now (its load errors fail the deploy) and the rest of the minimum in the background.</summary>
    public async Task<IReadOnlyList<LoadedHandle>> StartAsync(CancellationToken cancellationToken)
    {
        var (slot, handles) = await LaunchAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _slots.Add(slot);
            for (var i = 1; i < _options.MinWorkers; i++)
            {
                StartInBackground();
            }
        }
        return handles;
    }

    /// <summary>Starts with no worker: the first call starts one (apps restored from their saved function list).</summary>
    public void StartCold()
    {
        lock (_gate)
        {
            _scaledToZero = true;
        }
    }

    /// <param name="isAsync">An async function past its timeout may just be waiting; a synchronous one is a runaway.</param>
    /// <remarks>
    /// A call queued on an ordered worker behind one that never answered (it timed out or crashed the
    /// worker) was never started: it is sent again to another worker, within the same deadline.
    /// </remarks>
    public async Task<RpcResponse> CallAsync(string function, bool isAsync, CallArguments arguments, TimeSpan timeout, CancellationToken cancellationToken, string? execution = null)
    {
        // The timeout runs on the pool's clock, so tests can move it with a fake one (the system clock
        // needs no second token source: this is the hot path).
        using var timer = _time == TimeProvider.System ? null : new CancellationTokenSource(timeout, _time);
        using var deadline = timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        if (timer is null)
        {
            deadline.CancelAfter(timeout);
        }
        while (true)
        {
            try
            {
                return await CallOnceAsync(function, isAsync, arguments, timeout, execution, deadline.Token, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcChannelClosedException e) when (e.NotStarted)
            {
                _log.Write("faas", $"The call to '{function}' was queued on a {_language} worker that is gone before it started; sending it to another worker.");
            }
        }
    }

    private async Task<RpcResponse> CallOnceAsync(
        string function, bool isAsync, CallArguments arguments, TimeSpan timeout, string? execution, CancellationToken deadlineToken, CancellationToken cancellationToken)
    {
        PoolSlot slot;
        try
        {
            slot = await AcquireAsync(deadlineToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FaasException(FaasError.Timeout, $"The call to '{function}' timed out after {timeout.TotalSeconds:0.###} s waiting for a free {_language} worker.");
        }
        try
        {
            return await slot.Process.CallAsync(function, arguments, deadlineToken, execution).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A call still queued behind another on an ordered worker never ran: the worker is not stuck on it.
            if (e is not RpcRequestCanceledException { MayHaveStarted: false })
            {
                _ = HandleTimeoutAsync(slot, function, isAsync, timeout);
            }
            throw new FaasException(FaasError.Timeout, $"The call to '{function}' timed out after {timeout.TotalSeconds:0.###} s.");
        }
        catch (RpcChannelClosedException e) when (!e.NotStarted)
        {
            throw new FaasException(FaasError.WorkerFailed, e.Message, e);
        }
        finally
        {
            Release(slot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        PoolSlot[] slots;
        lock (_gate)
        {
            _disposed = true;
            slots = [.. _slots];
            _slots.Clear();
            FailWaiting(new FaasException(FaasError.Unavailable, "The application was stopped."));
        }
        await _maintenance.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(slots.Select(s => s.Process.StopAsync(_launch.Options.StopTimeout))).ConfigureAwait(false);
    }

    private async Task<PoolSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<PoolSlot> waiter;
        lock (_gate)
        {
            if (_failure is { } failure)
            {
                throw new FaasException(FaasError.Unavailable, $"The {_language} workers of this application keep failing to start: {failure}");
            }
            if (_disposed)
            {
                throw new FaasException(FaasError.Unavailable, "The application was stopped.");
            }
            _lastActivity = _time.GetTimestamp();
            if (FreeSlot() is { } free)
            {
                free.InFlight++;
                return free;
            }
            if (_waiting.Count >= _options.MaxQueuedCalls)
            {
                throw new FaasException(FaasError.Overloaded, $"Too many calls are waiting for this application's {_language} workers ({_options.MaxQueuedCalls}); retry shortly.");
            }
            waiter = new TaskCompletionSource<PoolSlot>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            if (LiveCount() + _starting < _options.MaxWorkers)
            {
                StartInBackground();
            }
        }
        try
        {
            return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // If a slot was handed over at the same moment, give it back.
            if (!waiter.TrySetCanceled() && waiter.Task.IsCompletedSuccessfully)
            {
                Release(waiter.Task.Result);
            }
            throw;
        }
    }

    private void Release(PoolSlot slot)
    {
        lock (_gate)
        {
            slot.InFlight--;
            slot.LastUsed = _time.GetTimestamp();
            Dispatch();
        }
    }

    /// <summary>Hands free slots to waiting callers. Called under the gate.</summary>
    private void Dispatch()
    {
        while (_waiting.Count > 0 && FreeSlot() is { } slot)
        {
            var waiter = _waiting.Dequeue();
            slot.InFlight++;
            if (!waiter.TrySetResult(slot))
            {
                slot.InFlight--;
            }
        }
    }

    private PoolSlot? FreeSlot()
    {
        PoolSlot? best = null;
        foreach (var slot in _slots)
        {
            if (!slot.Retired && !slot.Suspect && !slot.Process.HasExited && slot.InFlight < slot.Capacity && (best is null || slot.InFlight < best.InFlight))
            {
                best = slot;
            }
        }
        return best;
    }

    private int LiveCount() => _slots.Count(s => !s.Retired && !s.Process.HasExited);

    private void FailWaiting(Exception error)
    {
        while (_waiting.Count > 0)
        {
            _waiting.Dequeue().TrySetException(error);
        }
    }
}
