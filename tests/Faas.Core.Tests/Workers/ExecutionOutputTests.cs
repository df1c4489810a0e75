using Faas.Core.Executions;
using Faas.Core.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Faas.Core.Tests.Workers;

public sealed class ExecutionOutputTests
{
    private readonly Lines _log = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private ExecutionOutput NewOutput() => new(_log, _time);

    [Fact]
    public void Write_OneCallInFlight_AttachedToItsExecutionWithTime()
    {
        var output = NewOutput();
        output.Begin("ex_a");

        output.Write("hello");

        Assert.Equal([("ex_a", ExecutionOutput.Level, "hello", _time.GetUtcNow())], _log.Appended);
    }

    [Fact]
    public void Write_TwoCallsInFlight_AttachedToNeither()
    {
        var output = NewOutput();
        output.Begin("ex_a");
        output.Begin("ex_b");

        output.Write("whose?");

        Assert.Empty(_log.Appended);
    }

    [Fact]
    public void Write_AfterTheOtherCallEnded_AttachedToTheOneLeft()
    {
        var output = NewOutput();
        output.Begin("ex_a");
        output.Begin("ex_b");
        output.End("ex_a");

        output.Write("mine");

        Assert.Equal("ex_b", Assert.Single(_log.Appended).Execution);
    }

    [Fact]
    public void Write_LateLineOfALoneCall_AttachedToItUntilTheNextCallStarts()
    {
        var output = NewOutput();
        output.Begin("ex_a");
        output.End("ex_a");

        output.Write("still in the pipe");
        output.Begin("ex_b");
        output.End("ex_b");
        output.Write("after b");

        Assert.Equal(["ex_a", "ex_b"], _log.Appended.Select(l => l.Execution));
    }

    [Fact]
    public void Write_LateLineAfterConcurrentCalls_AttachedToNone()
    {
        var output = NewOutput();
        output.Begin("ex_a");
        output.Begin("ex_b");
        output.End("ex_a");
        output.End("ex_b");

        output.Write("printed while both ran");
        output.Write("or after");

        Assert.Empty(_log.Appended);
    }

    [Fact]
    public void Write_PastMaxLines_OneNoticeThenNothing()
    {
        var output = NewOutput();
        output.Begin("ex_a");

        for (var i = 0; i < ExecutionOutput.MaxLines + 10; i++)
        {
            output.Write($"line {i}");
        }

        Assert.Equal(ExecutionOutput.MaxLines + 1, _log.Appended.Count);
        Assert.Equal($"line {ExecutionOutput.MaxLines - 1}", _log.Appended[^2].Message);
        Assert.Contains("app's log only", _log.Appended[^1].Message);
    }

    [Fact]
    public void Write_NoCallEver_AttachedToNone()
    {
        NewOutput().Write("start-up banner");

        Assert.Empty(_log.Appended);
    }

    private sealed class Lines : IExecutionLog
    {
        public List<(string Execution, string Level, string Message, DateTimeOffset At)> Appended { get; } = [];

        public void Append(string executionId, string level, string message, DateTimeOffset at) => Appended.Add((executionId, level, message, at));
    }
}
