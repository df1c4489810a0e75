using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Faas.Core.Rpc;

namespace Faas.Core.Tests.Rpc;

/// <summary>Requests the worker sends to the server (lines with a <c>method</c>): dispatched to the handler, answered on the worker's stdin.</summary>
public sealed class RpcChannelWorkerRequestTests : IAsyncDisposable
{
    private readonly Pipe _toWorker = new();
    private readonly Pipe _fromWorker = new();
    private readonly List<string> _stray = [];
    private readonly Handler _handler = new();
    private readonly RpcChannel _channel;
    private readonly StreamReader _requests;

    public RpcChannelWorkerRequestTests()
    {
        _channel = new RpcChannel(_toWorker.Writer.AsStream(), _fromWorker.Reader.AsStream(),
            line => { lock (_stray) { _stray.Add(line); } }, () => Task.FromResult("exited"), _handler);
        _requests = new StreamReader(_toWorker.Reader.AsStream(), Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _fromWorker.Writer.CompleteAsync();
        await _channel.DisposeAsync();
    }

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private async Task SendAsync(string text) => await _fromWorker.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), Timeout);

    [Fact]
    public async Task WorkerRequest_IsAnsweredWithItsStringId()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"w1","method":"faas.kv.get","params":{"key":"k"}}""" + "\n");

        Assert.Equal("""{"jsonrpc":"2.0","id":"w1","result":{"method":"faas.kv.get","key":"k"}}""", await _requests.ReadLineAsync(Timeout));
    }

    [Fact]
    public async Task WorkerRequest_HandlerRefuses_AnswersItsError()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"w7","method":"refuse","params":{}}""" + "\n");

        var reply = JsonDocument.Parse((await _requests.ReadLineAsync(Timeout))!).RootElement;
        Assert.Equal("w7", reply.GetProperty("id").GetString());
        Assert.Equal(-32602, reply.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("no \"way\"", reply.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Notification_GoesToTheHandlerInOrder_WithNoReply()
    {
        await SendAsync("""{"jsonrpc":"2.0","method":"faas.log","params":{"message":"one"}}""" + "\n"
            + """{"jsonrpc":"2.0","method":"faas.log","params":{"message":"two"}}""" + "\n"
            + """{"jsonrpc":"2.0","id":"w2","method":"faas.kv.get","params":{"key":"after"}}""" + "\n");

        Assert.Contains("\"id\":\"w2\"", await _requests.ReadLineAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal(["one", "two"], _handler.Notes);
        lock (_stray)
        {
            Assert.Empty(_stray);
        }
    }

    [Fact]
    public async Task OrderedWorker_RequestBetweenCalls_KeepsTheCallOrder()
    {
        _channel.Ordered = true;
        var first = _channel.RequestAsync("call", null, Timeout);
        var second = _channel.RequestAsync("call", null, Timeout);
        var third = _channel.RequestAsync("call", null, Timeout);
        for (var id = 1; id <= 3; id++)
        {
            Assert.StartsWith($$"""{"jsonrpc":"2.0","id":{{id}},""", await _requests.ReadLineAsync(Timeout), StringComparison.Ordinal);
        }

        // The first call asks the server something, then both calls answer in order.
        await SendAsync("""{"jsonrpc":"2.0","id":"w1","method":"faas.kv.get","params":{"key":"k"}}""" + "\n");
        Assert.Contains("\"id\":\"w1\"", await _requests.ReadLineAsync(Timeout), StringComparison.Ordinal);
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}\n");
        await _fromWorker.Writer.CompleteAsync();

        Assert.Equal("1", Encoding.UTF8.GetString((await first.WaitAsync(Timeout)).Result.Span));
        // The reply to the worker's request did not count as a call: only the second may have started, not the third.
        Assert.False((await Assert.ThrowsAsync<RpcChannelClosedException>(() => second.WaitAsync(Timeout))).NotStarted);
        Assert.True((await Assert.ThrowsAsync<RpcChannelClosedException>(() => third.WaitAsync(Timeout))).NotStarted);
    }

    [Fact]
    public async Task WorkerRequest_WithoutAHandler_IsMethodNotFound()
    {
        var pipeIn = new Pipe();
        var pipeOut = new Pipe();
        var channel = new RpcChannel(pipeIn.Writer.AsStream(), pipeOut.Reader.AsStream(), _ => { }, () => Task.FromResult("exited"));
        await pipeOut.Writer.WriteAsync("""{"jsonrpc":"2.0","id":"w1","method":"faas.kv.get"}"""u8.ToArray().Append((byte)'\n').ToArray(), Timeout);

        var reply = await new StreamReader(pipeIn.Reader.AsStream()).ReadLineAsync(Timeout);

        Assert.Contains("\"code\":-32601", reply, StringComparison.Ordinal);
        await pipeOut.Writer.CompleteAsync();
        await channel.DisposeAsync();
    }

    private sealed class Handler : IWorkerRequestHandler
    {
        private readonly ConcurrentQueue<string> _notes = new();

        public IReadOnlyList<string> Notes => [.. _notes];

        public Task<byte[]> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken) =>
            method == "refuse"
                ? throw new WorkerRequestException(RpcErrorCodes.InvalidParams, "no \"way\"")
                : Task.FromResult(Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","key":"{{parameters.GetProperty("key").GetString()}}"}"""));

        public void Notify(string method, JsonElement parameters) => _notes.Enqueue(parameters.GetProperty("message").GetString()!);
    }
}
