namespace Faas.Core.Calls;

/// <summary>
/// Counts calls in flight so that shutdown can stop taking new calls, wait for the running ones
/// (within a grace period), and only then stop the workers.
/// </summary>
public sealed class CallGate
{
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Registers a call; throws 503 once the server is shutting down.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _inFlight);
        if (_draining)
        {
            Exit();
            throw new FaasException(FaasError.Unavailable, "The server is shutting down.");
        }
        return new Ticket(this);
    }

    /// <summary>Stops taking calls and waits up to <paramref name="grace"/> for the running ones.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        _draining = true;
        if (InFlight == 0)
        {
            return;
        }
        await Task.WhenAny(_idle.Task, Task.Delay(grace)).ConfigureAwait(false);
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _idle.TrySetResult();
        }
    }

    private sealed class Ticket(CallGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
