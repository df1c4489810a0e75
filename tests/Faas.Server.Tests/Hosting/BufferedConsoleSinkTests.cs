using System.Text;
using Faas.Server.Hosting;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Faas.Server.Tests.Hosting;

public sealed class BufferedConsoleSinkTests
{
    [Fact]
    public void Dispose_AfterManyEvents_EveryLineWrittenInOrderWithTheTemplate()
    {
        using var output = new MemoryStream();
        var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter("{Level:u3} {Message:lj}{NewLine}"), output);
        var template = new MessageTemplateParser().Parse("call {N} of {App}");

        for (var n = 0; n < 5000; n++)
        {
            sink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Information, null, template,
                [new LogEventProperty("N", new ScalarValue(n)), new LogEventProperty("App", new ScalarValue("sum"))]));
        }
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5000, lines.Length);
        Assert.Equal("INF call 0 of sum", lines[0]);
        Assert.Equal("INF call 4999 of sum", lines[^1]);
        Assert.All(lines.Select((line, n) => (line, n)), l => Assert.Equal($"INF call {l.n} of sum", l.line));
    }

    [Fact]
    public async Task Emit_OneEventWhileIdle_IsFlushedWithoutWaitingForMore()
    {
        using var output = new FlushSignallingStream();
        using var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter("{Message:lj}{NewLine}"), output);

        sink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Warning, null, new MessageTemplateParser().Parse("alone"), []));

        var flushed = await output.Flushed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("alone" + Environment.NewLine, flushed);
    }

    /// <summary>Completes <see cref="Flushed"/> with what was written, at the first flush.</summary>
    private sealed class FlushSignallingStream : MemoryStream
    {
        private readonly TaskCompletionSource<string> _flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Flushed => _flushed.Task;

        public override void Flush()
        {
            base.Flush();
            _flushed.TrySetResult(Encoding.UTF8.GetString(ToArray()));
        }
    }
}
