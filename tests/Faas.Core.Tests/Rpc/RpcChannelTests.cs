using System.IO.Pipelines;
using System.Text;
using Faas.Core.Rpc;

namespace Faas.Core.Tests.Rpc;

/// <summary>The channel against an in-memory peer that answers however a test tells it to.</summary>
public sealed class RpcChannelTests : IAsyncDisposable
{
    private readonly Pipe _toWorker = new();
    // A write to the worker's stdout completes only once the channel has read it, so a test controls
    // how replies are split across reads without waiting on the clock.
    private readonly Pipe _fromWorker = new(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1));
    private readonly List<string> _stray = [];
    private readonly RpcChannel _channel;

    public RpcChannelTests()
    {
        _channel = new RpcChannel(_toWorker.Writer.AsStream(), _fromWorker.Reader.AsStream(),
            line => { lock (_stray) { _stray.Add(line); } }, () => Task.FromResult("worker exited with code 3"));
    }

    public async ValueTask DisposeAsync()
    {
        // The worker's stdout ends, so the channel's reader finishes instead of being waited for.
        await _fromWorker.Writer.CompleteAsync();
        await _channel.DisposeAsync();
    }

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private async Task<string> ReadRequestAsync()
    {
        var reader = new StreamReader(_toWorker.Reader.AsStream(), Encoding.UTF8, leaveOpen: true);
        return (await reader.ReadLineAsync(Timeout))!;
    }

    /// <summary>Reads <paramref name="count"/> request lines with one reader (a reader may buffer past the first line).</summary>
    private async Task ReadRequestsAsync(int count)
    {
        var reader = new StreamReader(_toWorker.Reader.AsStream(), Encoding.UTF8, leaveOpen: true);
        for (var i = 0; i < count; i++)
        {
            Assert.NotNull(await reader.ReadLineAsync(Timeout));
        }
    }

    private async Task SendAsync(string text) => await _fromWorker.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), Timeout);

    [Fact]
    public async Task Request_ReplyInAnotherOrder_EachCallerGetsItsOwn()
    {
        var first = _channel.RequestAsync("call", null, Timeout);
        var second = _channel.RequestAsync("call", null, Timeout);

        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"two\"}\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":[1, 2]}}\n");

        Assert.Equal("\"two\"", Encoding.UTF8.GetString((await second.WaitAsync(Timeout)).Result.Span));
        Assert.Equal("{\"a\":[1, 2]}", Encoding.UTF8.GetString((await first.WaitAsync(Timeout)).Result.Span));
    }

    [Fact]
    public async Task Request_WritesOneJsonRpcLine()
    {
        _ = _channel.RequestAsync("ping", null, Timeout);

        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", await ReadRequestAsync());
    }

    [Fact]
    public async Task Reply_SplitAcrossWrites_IsReassembled()
    {
        var call = _channel.RequestAsync("call", null, Timeout);

        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,");
        Assert.False(call.IsCompleted);
        await SendAsync("\"result\":42}\n");

        Assert.Equal("42", Encoding.UTF8.GetString((await call.WaitAsync(Timeout)).Result.Span));
    }

    [Fact]
    public async Task Reply_Error_CarriesCodeMessageAndType()
    {
        var call = _channel.RequestAsync("call", null, Timeout);

        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"boom\",\"data\":{\"type\":\"TypeError\"}}}\n");

        var response = await call.WaitAsync(Timeout);
        Assert.Equal(new RpcError(-32000, "boom", "TypeError"), response.Error);
    }

    [Fact]
    public async Task GarbageLines_GoToStrayHandler_AndCallsStillAnswer()
    {
        var call = _channel.RequestAsync("call", null, Timeout);

        await SendAsync("hello from user code\n{not json\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");

        Assert.Equal("true", Encoding.UTF8.GetString((await call.WaitAsync(Timeout)).Result.Span));
        lock (_stray)
        {
            Assert.Equal(["hello from user code", "{not json"], _stray);
        }
    }

    [Fact]
    public async Task OutputEnds_PendingCallsFailWithTheExplanation()
    {
        var call = _channel.RequestAsync("call", null, Timeout);

        await _fromWorker.Writer.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcChannelClosedException>(() => call.WaitAsync(Timeout));
        Assert.Equal("worker exited with code 3", error.Message);
        await Assert.ThrowsAsync<RpcChannelClosedException>(() => _channel.RequestAsync("call", null, Timeout));
    }

    [Fact]
    public async Task Cancelled_ReplyArrivingLater_IsDropped()
    {
        using var cancel = new CancellationTokenSource();
        var call = _channel.RequestAsync("call", null, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}\n");
        var next = _channel.RequestAsync("call", null, Timeout);
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":2}\n");

        Assert.Equal("2", Encoding.UTF8.GetString((await next.WaitAsync(Timeout)).Result.Span));
        Assert.Empty(_stray);
    }

    [Theory]
    [InlineData("[1,\n2]")]
    [InlineData("[1]\r")]
    public async Task Request_ParamsWithRawLineBreak_RefusedAndNothingWritten(string rawParams)
    {
        var refused = _channel.RequestAsync("call", writer => writer.WriteRawValue(rawParams, skipInputValidation: true), Timeout);
        _ = _channel.RequestAsync("ping", null, Timeout);

        var error = await Assert.ThrowsAsync<FaasException>(() => refused.WaitAsync(Timeout));
        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("raw line break", error.Message);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", await ReadRequestAsync());
    }

    [Fact]
    public async Task OutputEnds_OrderedWorker_OnlyFirstUnansweredMayHaveStarted()
    {
        _channel.Ordered = true;
        var answered = _channel.RequestAsync("call", null, Timeout);
        var running = _channel.RequestAsync("call", null, Timeout);
        var queued = _channel.RequestAsync("call", null, Timeout);
        await ReadRequestsAsync(3);

        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}\n");
        await _fromWorker.Writer.CompleteAsync();

        Assert.Equal("1", Encoding.UTF8.GetString((await answered.WaitAsync(Timeout)).Result.Span));
        Assert.False((await Assert.ThrowsAsync<RpcChannelClosedException>(() => running.WaitAsync(Timeout))).NotStarted);
        Assert.True((await Assert.ThrowsAsync<RpcChannelClosedException>(() => queued.WaitAsync(Timeout))).NotStarted);
    }

    [Fact]
    public async Task OutputEnds_NotOrdered_NoRequestCountsAsNotStarted()
    {
        var first = _channel.RequestAsync("call", null, Timeout);
        var second = _channel.RequestAsync("call", null, Timeout);
        await ReadRequestsAsync(2);

        await _fromWorker.Writer.CompleteAsync();

        Assert.False((await Assert.ThrowsAsync<RpcChannelClosedException>(() => first.WaitAsync(Timeout))).NotStarted);
        Assert.False((await Assert.ThrowsAsync<RpcChannelClosedException>(() => second.WaitAsync(Timeout))).NotStarted);
    }

    [Fact]
    public async Task Cancelled_OrderedWorker_SaysWhetherTheRequestMayHaveStarted()
    {
        _channel.Ordered = true;
        using var cancelRunning = new CancellationTokenSource();
        using var cancelQueued = new CancellationTokenSource();
        var running = _channel.RequestAsync("call", null, cancelRunning.Token);
        var queued = _channel.RequestAsync("call", null, cancelQueued.Token);
        await ReadRequestsAsync(2);

        await cancelQueued.CancelAsync();
        await cancelRunning.CancelAsync();

        Assert.False((await Assert.ThrowsAsync<RpcRequestCanceledException>(() => queued)).MayHaveStarted);
        Assert.True((await Assert.ThrowsAsync<RpcRequestCanceledException>(() => running)).MayHaveStarted);
    }
}
