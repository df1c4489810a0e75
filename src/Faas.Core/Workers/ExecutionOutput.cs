using Faas.Core.Executions;

namespace Faas.Core.Workers;

/// <summary>
/// Attaches what one worker prints (stdout/stderr) to the execution it belongs to, when that is
/// certain enough: a line read while the worker has exactly one call in flight goes to that call's
/// execution (level <c>output</c>). With several calls in flight nobody can tell whose it is, so it
/// goes to the app's log only. Output arrives on stderr, a pipe of its own, so a line printed just
/// before the reply may be read just after it: a line read when nothing is in flight goes to the last
/// call if that call had the worker to itself all along, until the next call starts. An execution
/// keeps at most <see cref="MaxLines"/> printed lines (the app's log has them all), so a chatty
/// function cannot crowd the history's queue.
/// </summary>
internal sealed class ExecutionOutput(IExecutionLog log, TimeProvider time)
{
    public const string Level = "output";

    public const int MaxLines = 200;

    private readonly Lock _gate = new();
    // The calls in flight on this worker (a handful at most), each marked once another overlapped it.
    private readonly List<InFlight> _inFlight = [];
    private InFlight? _lastAlone;

    /// <summary>A call of <paramref name="execution"/> is sent to the worker.</summary>
    public void Begin(string execution)
    {
        lock (_gate)
        {
            var call = new InFlight(execution);
            foreach (var other in _inFlight)
            {
                other.Shared = call.Shared = true;
            }
            _inFlight.Add(call);
            _lastAlone = null;
        }
    }

    /// <summary>The call of <paramref name="execution"/> ended (answered, failed or abandoned).</summary>
    public void End(string execution)
    {
        lock (_gate)
        {
            // A loop, not FindIndex with a lambda: that would allocate a closure per call.
            var index = _inFlight.Count - 1;
            while (index >= 0 && !string.Equals(_inFlight[index].Execution, execution, StringComparison.Ordinal))
            {
                index--;
            }
            if (index < 0)
            {
                return;
            }
            var call = _inFlight[index];
            _inFlight.RemoveAt(index);
            if (_inFlight.Count == 0)
            {
                // A call that never shared the worker owns the lines still in the pipe.
                _lastAlone = call.Shared ? null : call;
            }
        }
    }

    /// <summary>A line the worker printed: attached to the execution it belongs to, if one is certain.</summary>
    public void Write(string line)
    {
        InFlight? owner;
        int lines;
        lock (_gate)
        {
            owner = _inFlight.Count switch
            {
                1 => _inFlight[0],
                0 => _lastAlone,
                _ => null,
            };
            lines = owner is null ? 0 : ++owner.Lines;
        }
        if (owner is null || lines > MaxLines + 1)
        {
            return;
        }
        log.Append(owner.Execution, Level, lines <= MaxLines ? line : $"(more printed lines are in the app's log only: an execution keeps {MaxLines})", time.GetUtcNow());
    }

    private sealed class InFlight(string execution)
    {
        public string Execution { get; } = execution;

        public bool Shared { get; set; }

        public int Lines { get; set; }
    }
}
