using System.Globalization;
using Faas.Core.Pools;

namespace Faas.Core.Tests.Pools;

/// <summary>
/// Calls queued on an ordered worker behind the running one (pipelining), and timeouts on an
/// event-loop worker, against the fake worker on the pool's fake clock.
/// </summary>
public sealed class WorkerPoolPipeliningTests
{
    private static readonly PoolOptions OneOrderedWorker = new()
    {
        MinWorkers = 1,
        MaxWorkers = 1,
        ConcurrencyPerWorker = new() { ["fake"] = 1 },
        PipelineDepth = 2,
        RestartBackoff = TimeSpan.FromMilliseconds(10),
    };

    private static readonly Dictionary<string, string> Ordered = new() { ["FAKE_ORDERED"] = "1" };

    private static async Task<FakePool> StartAsync(PoolOptions options, Dictionary<string, string>? environment = null, bool eventLoop = false)
    {
        var fake = new FakePool(options, environment, eventLoop);
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        return fake;
    }

    [Fact]
    public async Task Call_OrderedWorker_TakesPipelineDepthCallsBehindTheRunningOne()
    {
        // No queue in the pool: a call that finds no room on a worker is refused at once.
        await using var fake = await StartAsync(OneOrderedWorker with { MaxQueuedCalls = 0 }, Ordered);
        var pid = await fake.CallTextAsync("pid");

        var slow = fake.CallAsync("slow", "[300]");
        var queued = new[] { fake.CallTextAsync("pid"), fake.CallTextAsync("pid") };
        var beyondDepth = await Assert.ThrowsAsync<FaasException>(() => fake.CallAsync("echo", "[1]"));

        Assert.Equal(FaasError.Overloaded, beyondDepth.Error);
        Assert.Equal([pid, pid], await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal("300", System.Text.Encoding.UTF8.GetString((await slow.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).Result.Span));
    }

    [Fact]
    public async Task Call_WorkerNotOrdered_NoCallQueuedOnIt()
    {
        await using var fake = await StartAsync(OneOrderedWorker with { MaxQueuedCalls = 0 });

        var slow = fake.CallAsync("slow", "[300]");
        var refused = await Assert.ThrowsAsync<FaasException>(() => fake.CallAsync("echo", "[1]"));

        Assert.Equal(FaasError.Overloaded, refused.Error);
        await slow.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Call_QueuedBehindCallThatTimesOut_RetriedOnNewWorker()
    {
        await using var fake = await StartAsync(OneOrderedWorker, Ordered);
        var firstPid = await fake.CallTextAsync("pid");

        var stuck = fake.Pool.CallAsync("hang", isAsync: false, FakePool.Args("[]"), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var queued = fake.CallTextAsync("pid");
        fake.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FaasError.Timeout, (await Assert.ThrowsAsync<FaasException>(() => stuck)).Error);
        var secondPid = await queued;
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal([int.Parse(secondPid, CultureInfo.InvariantCulture)], fake.Pool.ProcessIds);
        Assert.Contains(fake.Log.Recent(), line => line.Contains("sending it to another worker"));
    }

    [Fact]
    public async Task Call_QueuedBehindCallThatCrashesWorker_RetriedAndCrashingCallFails()
    {
        await using var fake = await StartAsync(OneOrderedWorker, Ordered);
        var firstPid = await fake.CallTextAsync("pid");

        var crash = fake.CallAsync("crash", "[9]");
        var queued = new[] { fake.CallTextAsync("pid"), fake.CallTextAsync("echo", "[\"after\"]") };

        var error = await Assert.ThrowsAsync<FaasException>(() => crash);
        Assert.Equal(FaasError.WorkerFailed, error.Error);
        Assert.Contains("exited with code 9", error.Message);
        var results = await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.NotEqual(firstPid, results[0]);
        Assert.Equal("\"after\"", results[1]);
    }

    [Fact]
    public async Task Call_QueuedCallTimesOutBeforeItRuns_OnlyItFailsAndWorkerStays()
    {
        await using var fake = await StartAsync(OneOrderedWorker, Ordered);
        var pid = await fake.CallTextAsync("pid");

        var running = fake.CallAsync("slow", "[400]", timeoutSeconds: 60);
        var queued = fake.CallAsync("echo", "[1]", timeoutSeconds: 1);
        fake.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FaasError.Timeout, (await Assert.ThrowsAsync<FaasException>(() => queued)).Error);
        Assert.Equal("400", System.Text.Encoding.UTF8.GetString((await running.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).Result.Span));
        Assert.Equal(pid, await fake.CallTextAsync("pid"));
    }

    [Fact]
    public async Task Call_EventLoopWorkerCallNeverAnswers_TimesOutAloneAndOthersFinish()
    {
        await using var fake = await StartAsync(OneOrderedWorker with { ConcurrencyPerWorker = new() { ["fake"] = 8 } }, eventLoop: true);
        var pid = await fake.CallTextAsync("pid");

        // A plain function whose promise never settles: the event loop stays free.
        var never = fake.Pool.CallAsync("hang", isAsync: false, FakePool.Args("[]"), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var others = Enumerable.Range(0, 4).Select(_ => fake.CallAsync("slow", "[500]", timeoutSeconds: 60)).ToArray();
        fake.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FaasError.Timeout, (await Assert.ThrowsAsync<FaasException>(() => never)).Error);
        var results = await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal("500", System.Text.Encoding.UTF8.GetString(r.Result.Span)));
        Assert.Equal(pid, await fake.CallTextAsync("pid"));
        Assert.DoesNotContain(fake.Log.Recent(), line => line.Contains("was killed"));
    }
}
