using System.IO.Pipelines;
using System.Text;
using Faas.Core.Rpc;
using Faas.Core.Tests.Fuzz;

namespace Faas.Core.Tests.Rpc;

/// <summary>
/// A channel over in-memory pipes with calls pending while seeded garbage, near-miss replies and
/// real replies arrive interleaved, split at random byte offsets: only a well-formed reply with a
/// pending id completes a call, with its own result; everything else is a stray line or dropped.
/// </summary>
public sealed class RpcChannelFuzzTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Pipe _toWorker = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly Pipe _fromWorker = new();
    private readonly RpcChannel _channel;
    private int _strayLines;
    private long _lastId;

    public RpcChannelFuzzTests()
    {
        _channel = new RpcChannel(_toWorker.Writer.AsStream(), _fromWorker.Reader.AsStream(),
            _ => Interlocked.Increment(ref _strayLines), () => Task.FromResult("worker exited"));
    }

    public async ValueTask DisposeAsync()
    {
        await _fromWorker.Writer.CompleteAsync();
        await _channel.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Replies_InterleavedWithGarbage_OnlyMatchingRepliesCompleteCalls(int seed)
    {
        var json = new RandomJson(new Random(seed));
        var lines = new RandomRpcLines(json);
        var random = json.Random;
        var pending = new Dictionary<long, Task<RpcResponse>>();
        var answered = new Dictionary<long, (Task<RpcResponse> Call, string Result)>();
        var expectedStray = 0;

        for (var round = 0; round < 40; round++)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                pending[++_lastId] = _channel.RequestAsync("call", null, CancellationToken.None);
            }
            var output = new List<byte[]>();
            foreach (var id in pending.Keys.Where(_ => random.Next(3) == 0).ToList())
            {
                for (var g = random.Next(4); g > 0; g--)
                {
                    expectedStray += AddGarbage(output, lines, [.. pending.Keys, 0, 10_000]) ? 1 : 0;
                }
                var result = json.Value(3).Replace("\r\n", " ").Replace('\n', ' ');
                output.Add(RandomRpcLines.Utf8(lines.Reply(id, result)));
                answered[id] = (pending[id], result);
                pending.Remove(id);
            }
            if (answered.Count > 0 && random.Next(2) == 0)
            {
                // A second reply to an answered call has nobody waiting: dropped, not a stray line.
                var again = answered.Keys.ElementAt(random.Next(answered.Count));
                output.Add(RandomRpcLines.Utf8(lines.Reply(again, "\"again\"")));
            }
            expectedStray += AddGarbage(output, lines, [.. pending.Keys, 0]) ? 1 : 0;

            var barrier = _channel.RequestAsync("barrier", null, CancellationToken.None);
            output.Add(RandomRpcLines.Utf8(lines.Reply(++_lastId, "\"barrier\"")));
            await SendInPiecesAsync(output, random);
            Assert.Equal("\"barrier\"", Encoding.UTF8.GetString((await barrier.WaitAsync(Timeout, Ct)).Result.Span));

            foreach (var (id, call) in pending)
            {
                Assert.False(call.IsCompleted, $"Call {id} completed without its reply (seed {seed}, round {round}).");
            }
            foreach (var (id, (call, result)) in answered)
            {
                Assert.True(call.IsCompletedSuccessfully, $"Call {id} was answered but did not complete (seed {seed}, round {round}).");
                var actual = (await call).Result;
                Assert.True(JsonText.Canonical(result) == JsonText.Canonical(actual.Span), $"Call {id} got {Encoding.UTF8.GetString(actual.Span)}, expected {result}.");
            }
            Assert.Equal(expectedStray, Volatile.Read(ref _strayLines));
        }
    }

    /// <summary>Adds a line that must not complete any of <paramref name="ids"/>; says whether the channel should pass it to the stray-line handler.</summary>
    private static bool AddGarbage(List<byte[]> output, RandomRpcLines lines, long[] ids)
    {
        while (true)
        {
            var line = lines.Random.Next(3) == 0 ? lines.Noise() : RandomRpcLines.Utf8(lines.NotAReply(ids));
            var seen = line.AsSpan();
            if (!seen.IsEmpty && seen[^1] == (byte)'\r')
            {
                seen = seen[..^1]; // the channel drops one CR before a line feed
            }
            var reply = RpcReplyOracle.Read(seen);
            if (reply is not null && reply.Id is not (0 or 10_000))
            {
                continue; // a mutation that happens to be a valid reply to a pending (or the barrier's) call
            }
            output.Add(line);
            // A line shaped like a request from the worker (a "method") goes to the request handler, not to the stray lines.
            return reply is null && !seen.IsEmpty && !RpcRequestParser.TryParse(seen, out _, out _, out _);
        }
    }

    private async Task SendInPiecesAsync(List<byte[]> output, Random random)
    {
        var bytes = output.SelectMany(line => line.Concat(random.Next(4) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray())).ToArray();
        for (var at = 0; at < bytes.Length;)
        {
            var size = Math.Min(bytes.Length - at, random.Next(1, 300));
            await _fromWorker.Writer.WriteAsync(bytes.AsMemory(at, size), Ct).AsTask().WaitAsync(Timeout, Ct);
            at += size;
        }
    }
}
