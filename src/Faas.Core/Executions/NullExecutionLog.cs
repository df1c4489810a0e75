namespace Faas.Core.Executions;

/// <summary>Drops the lines: used where no execution history is kept.</summary>
public sealed class NullExecutionLog : IExecutionLog
{
    public static NullExecutionLog Instance { get; } = new();

    public void Append(string executionId, string level, string message, DateTimeOffset at)
    {
    }
}
