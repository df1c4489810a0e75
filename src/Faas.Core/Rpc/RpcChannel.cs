using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Faas.Core.Rpc;

/// <summary>
/// JSON-RPC 2.0 over a pair of streams, one message per line. Requests carry ids; replies may
/// come in any order and are matched through the pending-call table. Lines with a <c>method</c> are
/// the worker's own requests (platform services): they go to the request handler and its replies are
/// written by the same writer loop. Other lines go to <c>onStrayLine</c> (a worker's last defence
/// against user code printing to stdout).
/// </summary>
public sealed class RpcChannel : IAsyncDisposable
{
    private const int MaxLineBytes = 64 * 1024 * 1024;
    private const int MaxBatchBytes = 64 * 1024;

    // A request's frame is built in this thread's buffer (building one never awaits), then copied out at its exact size.
    private static readonly ReusedJsonWriter Frames = new(new JsonWriterOptions { SkipValidation = true });

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Action<string> _onStrayLine;
    private readonly Func<Task<string>> _explainEnd;
    private readonly IWorkerRequestHandler? _requests;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<RpcResponse>> _pending = new();
    // Callers write framed requests (and request handlers their replies, with id 0); the writer loop reads them and writes each burst at once. Synchronous
    // continuations let an idle writer loop resume on the caller's thread (no thread-pool hop per call);
    // the loop only ever awaits the worker's stdin, so a caller is held at most for one pipe write.
    private readonly Channel<(long Id, byte[] Frame)> _outbox = Channel.CreateUnbounded<(long, byte[])>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    // Ordered workers only: ids in the order they were written (the writer loop adds, the reader
    // loop removes each as its reply arrives, in the same order); the first one is the only
    // request the worker may have started.
    private readonly ConcurrentQueue<long> _unanswered = new();
    private volatile bool _ordered;
    private volatile bool _orderBroken;
    private readonly Task _writer;
    private readonly Task _reader;
    private long _nextId;
    private volatile string? _closedReason;

    /// <param name="input">The worker's stdin.</param>
    /// <param name="output">The worker's stdout.</param>
    /// <param name="onStrayLine">Receives stdout lines that are not replies.</param>
    /// <param name="explainEnd">Says why the output ended (e.g. the exit code); pending calls fail with it.</param>
    /// <param name="requests">Answers the worker's own requests; without one they get a -32601 error.</param>
    public RpcChannel(Stream input, Stream output, Action<string> onStrayLine, Func<Task<string>> explainEnd, IWorkerRequestHandler? requests = null)
    {
        _requests = requests;
        _input = input;
        _output = output;
        _onStrayLine = onStrayLine;
        _explainEnd = explainEnd;
        _writer = Task.Run(WriteLoopAsync);
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes when the worker's stdout reaches its end.</summary>
    public Task Completion => _reader;

    /// <summary>
    /// Set once the worker has said it runs requests one at a time in the order received, replying
    /// to each before reading the next. When its output then ends, requests queued behind the first
    /// unanswered one fail as <see cref="RpcChannelClosedException.NotStarted"/>.
    /// </summary>
    public bool Ordered
    {
        get => _ordered;
        set => _ordered = value;
    }

    public Task<RpcResponse> RequestAsync(string method, Action<Utf8JsonWriter>? writeParams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        // No RunContinuationsAsynchronously: a reply's caller goes on on the reader's thread, without another
        // thread-pool hop per call; every other completion (close, cancel) is queued (FailLater).
        var completion = new TaskCompletionSource<RpcResponse>();
        _pending[id] = completion;
        if (_closedReason is { } reason)
        {
            _pending.TryRemove(id, out _);
            return Task.FromException<RpcResponse>(new RpcChannelClosedException(reason));
        }

        var (buffer, writer) = Frames.Start();
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteNumber("id"u8, id);
        writer.WriteString("method"u8, method);
        if (writeParams is not null)
        {
            writer.WritePropertyName("params"u8);
            writeParams(writer);
        }
        writer.WriteEndObject();
        writer.Flush();
        // One message per line: a raw CR or LF would split it into frames the worker reads as
        // separate requests (ArgumentBinder already sends arguments on one line; this is the backstop).
        if (buffer.WrittenSpan.IndexOfAny((byte)'\n', (byte)'\r') is var lineBreak and >= 0)
        {
            _pending.TryRemove(id, out _);
            return Task.FromException<RpcResponse>(new FaasException(FaasError.BadRequest,
                $"The '{method}' request cannot be sent to the worker: it contains a raw line break at byte {lineBreak}, and the protocol is one message per line."));
        }
        var frame = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(frame);
        frame[^1] = (byte)'\n';
        if (!_outbox.Writer.TryWrite((id, frame)))
        {
            _pending.TryRemove(id, out _);
            return Task.FromException<RpcResponse>(new RpcChannelClosedException(_closedReason ?? "The worker's input is closed."));
        }
        return cancellationToken.CanBeCanceled ? WithCancellation(id, completion, cancellationToken) : completion.Task;
    }

    /// <summary>Fails every pending and future request with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        _closedReason ??= reason;
        _outbox.Writer.TryComplete();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                FailLater(pending, new RpcChannelClosedException(_closedReason));
            }
        }
    }

    /// <summary>
    /// Ends a request that gets no reply on a thread-pool thread: the caller's continuation must not run inside
    /// whoever closed the channel or cancelled the call (a lock holder, a timer, a request being aborted).
    /// </summary>
    private static void FailLater(TaskCompletionSource<RpcResponse> pending, Exception error) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.pending.TrySetException(state.error), (pending, error), preferLocal: false);

    /// <summary>Cancels a request on a thread-pool thread, for the same reason as <see cref="FailLater"/>.</summary>
    private static void CancelLater(TaskCompletionSource<RpcResponse> pending, CancellationToken cancellationToken) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.pending.TrySetCanceled(state.cancellationToken), (pending, cancellationToken), preferLocal: false);

    public async ValueTask DisposeAsync()
    {
        Close("The worker was stopped.");
        await Task.WhenAny(Task.WhenAll(_writer, _reader), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    private async Task<RpcResponse> WithCancellation(long id, TaskCompletionSource<RpcResponse> completion, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            if (!_pending.TryRemove(id, out var pending))
            {
                return;
            }
            if (_ordered && !_orderBroken)
            {
                // Only the first unanswered request can be running; the ones behind it wait their turn.
                var first = _unanswered.TryPeek(out var head) && head == id;
                FailLater(pending, new RpcRequestCanceledException(first, cancellationToken));
            }
            else
            {
                CancelLater(pending, cancellationToken);
            }
        });
        return await completion.Task.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbox.Reader;
        // Frames queued together go out in one write (one syscall per burst, not per call).
        var batch = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var next))
                {
                    var frame = next.Frame;
                    // Id 0: a reply to the worker's own request, not a call it owes an answer to.
                    if (_ordered && next.Id > 0)
                    {
                        _unanswered.Enqueue(next.Id);
                    }
                    if (batch.WrittenCount > 0 && batch.WrittenCount + frame.Length > MaxBatchBytes)
                    {
                        await _input.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                        batch.ResetWrittenCount();
                    }
                    if (frame.Length >= MaxBatchBytes || (batch.WrittenCount == 0 && !reader.TryPeek(out _)))
                    {
                        await _input.WriteAsync(frame).ConfigureAwait(false);
                    }
                    else
                    {
                        batch.Write(frame);
                    }
                }
                if (batch.WrittenCount > 0)
                {
                    await _input.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                    batch.ResetWrittenCount();
                }
                await _input.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Close($"Could not write to the worker: {e.Message}");
        }
        finally
        {
            try
            {
                _input.Dispose();
            }
            catch (IOException)
            {
                // The pipe is already broken; closing it is all that was asked.
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        Close($"The worker sent a line longer than {MaxLineBytes} bytes.");
                        break;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await _output.ReadAsync(buffer.AsMemory(filled)).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
                filled = DispatchLines(buffer, filled, filled - read);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker's stdout closed under us: the same as end of stream.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        CloseAtEnd(await _explainEnd().ConfigureAwait(false));
    }

    /// <summary>
    /// The worker's output ended: it is gone, and every reply it wrote has been read. For an ordered
    /// worker only the first unanswered request can have started; the ones behind it did not.
    /// </summary>
    private void CloseAtEnd(string reason)
    {
        if (!_ordered || _orderBroken || _closedReason is not null)
        {
            Close(reason);
            return;
        }
        _closedReason ??= reason;
        _outbox.Writer.TryComplete();
        var mayHaveStarted = _unanswered.TryPeek(out var first) ? first : -1;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                FailLater(pending, new RpcChannelClosedException(_closedReason, notStarted: id != mayHaveStarted));
            }
        }
    }

    /// <summary>Handles every complete line in the buffer; returns how many bytes remain.</summary>
    private int DispatchLines(byte[] buffer, int filled, int scanFrom)
    {
        var start = 0;
        var newline = Array.IndexOf(buffer, (byte)'\n', scanFrom, filled - scanFrom);
        while (newline >= 0)
        {
            HandleLine(buffer.AsSpan(start, newline - start));
            start = newline + 1;
            newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
        }
        if (start > 0)
        {
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
        }
        return filled - start;
    }

    private void HandleLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (RpcMessageParser.TryParse(line, out var id, out var response))
        {
            if (_ordered && !(_unanswered.TryDequeue(out var expected) && expected == id))
            {
                // Not the reply an ordered worker owes next: stop assuming anything about its order.
                _orderBroken = true;
            }
            // A reply to a call whose caller gave up has nobody waiting: drop it. The caller goes on here, on this
            // thread, before the next line is read: what follows a call (its answer written to the client) never blocks.
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetResult(response!);
            }
        }
        else if (RpcRequestParser.TryParse(line, out var requestId, out var method, out var parameters))
        {
            HandleRequest(requestId, method, parameters);
        }
        else if (!line.IsEmpty)
        {
            _onStrayLine(Encoding.UTF8.GetString(line));
        }
    }

    private void HandleRequest(byte[]? id, string method, JsonElement parameters)
    {
        if (id is null)
        {
            try
            {
                _requests?.Notify(method, parameters);
            }
            catch (Exception e) when (e is WorkerRequestException or FaasException or JsonException or InvalidOperationException)
            {
                _onStrayLine($"The worker's '{method}' notification failed: {e.Message}");
            }
            return;
        }
        if (_requests is null)
        {
            Reply(id, null, new WorkerRequestException(RpcErrorCodes.MethodNotFound, $"Method '{method}' not found: this worker has no platform services."));
            return;
        }
        // Off the reader loop: a slow service (an HTTP request, a sleep) must not hold up the replies behind it.
        _ = Task.Run(async () =>
        {
            try
            {
                Reply(id, await _requests.HandleAsync(method, parameters, CancellationToken.None).ConfigureAwait(false), null);
            }
            catch (WorkerRequestException e)
            {
                Reply(id, null, e);
            }
            catch (Exception e) when (e is FaasException or JsonException or InvalidOperationException or IOException or HttpRequestException)
            {
                Reply(id, null, new WorkerRequestException(RpcErrorCodes.FunctionThrew, e.Message));
            }
        });
    }

    private void Reply(byte[] id, byte[]? result, WorkerRequestException? error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WritePropertyName("id"u8);
            writer.WriteRawValue(id, skipInputValidation: true);
            if (error is null)
            {
                writer.WritePropertyName("result"u8);
                writer.WriteRawValue(result!, skipInputValidation: true);
            }
            else
            {
                writer.WriteStartObject("error"u8);
                writer.WriteNumber("code"u8, error.Code);
                writer.WriteString("message"u8, error.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        var frame = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(frame);
        frame[^1] = (byte)'\n';
        // A closed channel has nobody left to read the reply.
        _outbox.Writer.TryWrite((0, frame));
    }
}
