namespace Faas.Core.Executions;

/// <summary>Where a function's log lines go with the execution they belong to (the execution history).</summary>
public interface IExecutionLog
{
    void Append(string executionId, string level, string message, DateTimeOffset at);
}
