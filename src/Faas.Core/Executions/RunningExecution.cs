namespace Faas.Core.Executions;

/// <summary>An execution that has started: its id (sent to the worker and in <c>X-Execution-Id</c>) and when it began.</summary>
public sealed class RunningExecution(ExecutionRecord started, long timestamp)
{
    public string Id => Started.Id;

    public ExecutionRecord Started { get; } = started;

    /// <summary>The start on the recorder's clock (<see cref="TimeProvider.GetTimestamp"/>), for the duration.</summary>
    internal long Timestamp { get; } = timestamp;
}
