using System.Collections.Concurrent;
using Faas.Core.Executions;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>Keeps every execution log line, for tests that check which execution a line was attributed to.</summary>
public sealed class RecordingExecutionLog : IExecutionLog
{
    private readonly ConcurrentQueue<(string Execution, string Level, string Message, DateTimeOffset At)> _lines = new();

    public IReadOnlyList<(string Execution, string Level, string Message, DateTimeOffset At)> Lines => [.. _lines];

    public void Append(string executionId, string level, string message, DateTimeOffset at) => _lines.Enqueue((executionId, level, message, at));

    /// <summary>The lines of <paramref name="execution"/>, once <paramref name="count"/> of them arrived (log lines are notifications: they may trail the reply).</summary>
    public async Task<IReadOnlyList<(string Level, string Message)>> WaitForAsync(string execution, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var lines = _lines.Where(l => l.Execution == execution).Select(l => (l.Level, l.Message)).ToList();
            if (lines.Count >= count)
            {
                return lines;
            }
            await Task.Delay(20, timeout.Token);
        }
    }
}
