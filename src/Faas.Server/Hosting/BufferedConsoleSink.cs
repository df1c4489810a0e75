using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Faas.Server.Hosting;

/// <summary>
/// The server's console log: the text of Serilog's console sink (same output template), written by one
/// background thread through a buffer that is flushed whenever no event is waiting, then rests a few milliseconds while more gather. Under load many lines
/// go out in one write instead of one locked, flushed write per line on the request's thread; when idle
/// each line is written at once. If the writer falls behind by <see cref="Capacity"/> events, loggers
/// wait for room (as they would for a blocked console): no line is dropped.
/// </summary>
internal sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    private const int Capacity = 16 * 1024;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    // After a write, lines gather this long before the next one: under load one write (and one wake-up of the
    // writer) carries hundreds of lines instead of a few; a line logged while idle still goes out at once.
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(5);
    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    // Written by every thread that logs; read by the writer loop alone.
    private readonly Channel<LogEvent> _events = Channel.CreateBounded<LogEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _writer;

    public BufferedConsoleSink(ITextFormatter formatter, Stream? output = null)
    {
        _formatter = formatter;
        _output = new StreamWriter(output ?? Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        _writer = Task.Run(WriteLoopAsync);
        // What is queued gets out when the process ends, also when it ends by an unhandled exception (a failed start).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Dispose();
    }

    public void Emit(LogEvent logEvent)
    {
        if (!_events.Writer.TryWrite(logEvent))
        {
            // Full (wait for room) or closed at shutdown (then the write throws and the line is lost, as on a closed console).
            try
            {
                _events.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
            }
        }
    }

    /// <summary>Writes what is queued (bounded by a timeout) and stops the writer.</summary>
    public void Dispose()
    {
        _events.Writer.TryComplete();
        _writer.Wait(DrainTimeout);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var logEvent))
                {
                    _formatter.Format(logEvent, _output);
                }
                _output.Flush();
            }
            catch (IOException)
            {
                // stdout is gone (a closed pipe): nothing else can be told.
            }
            await Task.Delay(GatherTime).ConfigureAwait(false);
        }
    }
}
