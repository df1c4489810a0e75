using Faas.Core.Workers;

namespace Faas.Core.Pools;

/// <summary>Starting, replacing, timing out and retiring the pool's workers.</summary>
internal sealed partial class WorkerPool
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private async Task<(PoolSlot Slot, IReadOnlyList<LoadedHandle> Handles)> LaunchAsync(CancellationToken cancellationToken)
    {
        var start = _launch.WithCurrentEnvironment(_worker.StartWith(_options.MemoryLimitMb))
            // The call timeout, for workers that end a runaway call themselves (Lua's instruction hook).
            .WithVariable("FAAS_CALL_TIMEOUT_MS", ((long)_options.CallTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_concurrency == 1)
        {
            // One call at a time: a worker that can run them in order says so in its load reply and gets pipelined calls.
            start = start.WithVariable("FAAS_CONCURRENCY", "1");
        }
        var process = _launch.Sandbox is { } sandbox
            ? WorkerProcess.Start(_language, await sandbox.PrepareAsync(start, _options, cancellationToken).ConfigureAwait(false), _launch.AppDirectory, _log, _launch.Events, _launch.Services, _launch.ExecutionLog)
            : WorkerProcess.Start(_language, start.Command, _launch.AppDirectory, start.Environment, _log, _launch.Events, _launch.Services, _launch.ExecutionLog);
        try
        {
            var handles = await process.LoadAsync(_scripts, _launch.AppDirectory, start.ImportPaths, _launch.Options.LoadTimeout, cancellationToken).ConfigureAwait(false);
            // A worker that runs one call at a time in order gets the next calls queued behind the running one.
            var capacity = _concurrency == 1 && process.RunsCallsInOrder ? 1 + _options.PipelineDepth : _concurrency;
            var slot = new PoolSlot(process, _time.GetTimestamp(), capacity);
            _ = process.Exited.ContinueWith(_ => OnExited(slot), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return (slot, handles);
        }
        catch
        {
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more worker, after a back-off when the last starts failed. Called under the gate.</summary>
    private void StartInBackground()
    {
        _starting++;
        var failures = _startFailures;
        _ = Task.Run(async () =>
        {
            if (failures > 0)
            {
                var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _options.RestartBackoff.Ticks << Math.Min(failures - 1, 16)));
                await Task.Delay(backoff, _time).ConfigureAwait(false);
            }
            try
            {
                var (slot, _) = await LaunchAsync(CancellationToken.None).ConfigureAwait(false);
                lock (_gate)
                {
                    _starting--;
                    _startFailures = 0;
                    if (_disposed)
                    {
                        _ = slot.Process.StopAsync(TimeSpan.Zero);
                        return;
                    }
                    _scaledToZero = false;
                    _slots.Add(slot);
                    Dispatch();
                }
            }
            catch (Exception e) when (e is FaasException or ObjectDisposedException or InvalidOperationException)
            {
                OnStartFailed(e.Message);
            }
        });
    }

    private void OnStartFailed(string reason)
    {
        lock (_gate)
        {
            _starting--;
            _startFailures++;
            if (_disposed)
            {
                return;
            }
            if (_startFailures < _options.MaxStartFailures)
            {
                if (_waiting.Count > 0 || NeedsMinimum())
                {
                    StartInBackground();
                }
                return;
            }
            _log.Write("faas", $"Giving up on the {_language} workers after {_startFailures} failed starts: {reason}");
            _launch.Events.GaveUp(_language, _startFailures, reason);
            // The app is marked failed before any caller hears why (inside the lock: a caller told 503 that
            // then asks the app's status must see "fail"). The handler only sets the app's status.
            Failed?.Invoke(reason);
            _failure = reason;
            FailWaiting(new FaasException(FaasError.Unavailable, $"The {_language} workers of this application keep failing to start: {reason}"));
        }
    }

    private void OnExited(PoolSlot slot)
    {
        lock (_gate)
        {
            _slots.Remove(slot);
            if (_disposed || slot.Retired)
            {
                return;
            }
            if ((_waiting.Count > 0 || NeedsMinimum()) && _failure is null)
            {
                _log.Write("faas", $"Replacing the {_language} worker (pid {slot.Process.ProcessId}) that exited.");
                StartInBackground();
            }
        }
    }

    private bool NeedsMinimum() => !_scaledToZero && LiveCount() + _starting < _options.MinWorkers;

    /// <summary>
    /// A call ran past its timeout. On a worker that runs one call at a time, or for a synchronous
    /// function on a worker that runs calls on threads, it is a runaway: the worker is replaced (a
    /// thread cannot be stopped from outside). Otherwise the call may just be waiting (an async
    /// function, or any function on an event-loop worker, e.g. a plain Node.js function returning a
    /// promise that never settles): the worker is pinged, taking no new calls meanwhile, and replaced
    /// only if it no longer answers (its event loop is blocked); the other calls on it carry on.
    /// </summary>
    private async Task HandleTimeoutAsync(PoolSlot slot, string function, bool isAsync, TimeSpan timeout)
    {
        if (slot.Process.HasExited)
        {
            return;
        }
        bool stuck;
        if (_concurrency == 1 || (!isAsync && !_worker.Language.Info.RunsCallsOnOneEventLoop))
        {
            stuck = true;
        }
        else
        {
            SetSuspect(slot, true);
            stuck = !await slot.Process.PingAsync(TimeSpan.FromSeconds(1), _time).ConfigureAwait(false);
            SetSuspect(slot, false);
        }
        _launch.Events.TimedOut(_language, slot.Process.ProcessId, function, timeout, killed: stuck);
        if (!stuck)
        {
            return;
        }
        var reason = $"The {_language} worker (pid {slot.Process.ProcessId}) was killed: the call to '{function}' ran past its {timeout.TotalSeconds:0.###} s timeout.";
        _log.Write("faas", reason);
        Retire(slot);
        await slot.Process.KillAsync(reason).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_disposed && ((_waiting.Count > 0 && LiveCount() + _starting < _options.MaxWorkers) || NeedsMinimum()))
            {
                StartInBackground();
            }
        }
    }

    private void SetSuspect(PoolSlot slot, bool suspect)
    {
        lock (_gate)
        {
            slot.Suspect = suspect;
            if (!suspect)
            {
                Dispatch();
            }
        }
    }

    private void Retire(PoolSlot slot)
    {
        lock (_gate)
        {
            slot.Retired = true;
            _slots.Remove(slot);
        }
    }

    /// <summary>Stops every worker as soon as none has a call in flight; the next call starts one again.</summary>
    public void Park()
    {
        lock (_gate)
        {
            _parking = true;
        }
        Maintain();
    }

    /// <summary>Periodic: stop everything after the idle timeout, or one spare worker past ScaleDownAfter.</summary>
    private void Maintain()
    {
        var toStop = new List<PoolSlot>();
        lock (_gate)
        {
            if (_slots.Count == 0 && _starting == 0)
            {
                _parking = false;
            }
            if (_disposed || _slots.Count == 0 || _waiting.Count > 0 || _slots.Any(s => s.InFlight > 0))
            {
                return;
            }
            var now = _time.GetTimestamp();
            if (_parking || _time.GetElapsedTime(_lastActivity, now) >= _options.IdleTimeout)
            {
                toStop.AddRange(_slots);
                _scaledToZero = true;
                _log.Write("faas", _parking
                    ? $"Stopping the {_language} workers of a version that is no longer active until its next call."
                    : $"No calls for {_options.IdleTimeout}: stopping the {_language} workers until the next call.");
                _parking = false;
            }
            else if (_slots.Count > _options.MinWorkers)
            {
                var spare = _slots.Where(s => _time.GetElapsedTime(s.LastUsed, now) >= _options.ScaleDownAfter).MinBy(s => s.LastUsed);
                if (spare is not null)
                {
                    toStop.Add(spare);
                }
            }
            foreach (var slot in toStop)
            {
                slot.Retired = true;
                _slots.Remove(slot);
            }
        }
        foreach (var slot in toStop)
        {
            _ = slot.Process.StopAsync(_launch.Options.StopTimeout);
        }
    }
}
