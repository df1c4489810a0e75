namespace Faas.Core.Executions;

/// <summary>
/// An execution that has started: its id (sent to the worker and in <c>X-Execution-Id</c>) and when it began.
/// It is also the history's queue item: queued once at the start and completed in place, so the writer
/// usually writes one finished row for it (see <see cref="ExecutionRecorder"/>).
/// </summary>
/// <remarks>
/// Who writes what: the start fields are set before the execution is shared. The end fields are written by
/// the one call that claims the end (<see cref="TryClaimEnd"/>), before <see cref="Publish"/> turns the state
/// to <see cref="Completed"/>; the writer reads them only after seeing that state. Both sides change the state
/// with an interlocked operation (a full fence), so a writer that sees <see cref="Completed"/> sees the end.
/// </remarks>
public sealed class RunningExecution
{
    /// <summary>In the queue (or about to be), not yet taken by the writer, not completed.</summary>
    internal const int Queued = 0;

    /// <summary>Not in the queue and not completed: the writer wrote it as pending, or the queue was full at the start.</summary>
    internal const int Outside = 1;

    /// <summary>Completed: the end fields are set and final.</summary>
    internal const int Completed = 2;

    private int _state;
    private int _endClaimed;

    internal RunningExecution(string id, string app, string function, string version, string trigger, DateTimeOffset startedAt, string? maskedEvent, long timestamp)
    {
        Id = id;
        App = app;
        Function = function;
        Version = version;
        Trigger = trigger;
        StartedAt = startedAt;
        Event = maskedEvent;
        Timestamp = timestamp;
    }

    public string Id { get; }

    public DateTimeOffset StartedAt { get; }

    internal string App { get; }

    internal string Function { get; }

    internal string Version { get; }

    internal string Trigger { get; }

    internal string? Event { get; }

    /// <summary>The start on the recorder's clock (<see cref="TimeProvider.GetTimestamp"/>), for the duration.</summary>
    internal long Timestamp { get; }

    internal string Status { get; private set; } = ExecutionStatus.Pending;

    internal int? HttpStatus { get; private set; }

    internal double? DurationMs { get; private set; }

    internal string? Error { get; private set; }

    internal string? Result { get; private set; }

    /// <summary>An execution the history never queued at its start (it was dropped): its end is queued on its own.</summary>
    internal void MarkOutside() => Volatile.Write(ref _state, Outside);

    /// <summary>True for the first caller only: it may set the end. A second end goes to a copy (<see cref="Copy"/>).</summary>
    internal bool TryClaimEnd() => Interlocked.Exchange(ref _endClaimed, 1) == 0;

    /// <summary>Sets the end (after <see cref="TryClaimEnd"/>) and publishes it; true when the caller must queue the execution again.</summary>
    internal bool Complete(string status, int? httpStatus, double? durationMs, string? error, string? result)
    {
        Status = status;
        HttpStatus = httpStatus;
        DurationMs = durationMs;
        Error = error;
        Result = result;
        return Publish();
    }

    /// <summary>The writer takes the execution out of the queue: true when it is completed (write the row), false to write it as pending.</summary>
    internal bool TakeForWriting() => Interlocked.CompareExchange(ref _state, Outside, Queued) == Completed;

    /// <summary>The same start, outside the queue, with no end yet: where an execution completed twice puts its second end.</summary>
    internal RunningExecution Copy() => Detached(new RunningExecution(Id, App, Function, Version, Trigger, StartedAt, Event, Timestamp));

    /// <summary>A record read back as a finished item (status included, pending too): for writing rows directly.</summary>
    internal static RunningExecution Of(ExecutionRecord record)
    {
        var execution = Detached(new RunningExecution(record.Id, record.App, record.Function, record.Version, record.Trigger, record.StartedAt, record.Event, 0));
        execution.Complete(record.Status, record.HttpStatus, record.DurationMs, record.Error, record.Result);
        return execution;
    }

    /// <summary>An execution outside the queue whose end is claimed by its maker.</summary>
    private static RunningExecution Detached(RunningExecution execution)
    {
        execution.MarkOutside();
        execution.TryClaimEnd();
        return execution;
    }

    /// <summary>The end is visible to the writer from here on; true when the writer had already let the execution go (queue it again).</summary>
    private bool Publish() => Interlocked.Exchange(ref _state, Completed) == Outside;
}
