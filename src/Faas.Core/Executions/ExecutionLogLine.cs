namespace Faas.Core.Executions;

/// <summary>A line a function logged during an execution (<c>faas.log</c>, or its output).</summary>
public sealed record ExecutionLogLine(string Level, string Message, DateTimeOffset At);
