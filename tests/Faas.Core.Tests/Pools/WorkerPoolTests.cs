using System.Diagnostics;
using Faas.Core.Pools;

namespace Faas.Core.Tests.Pools;

/// <summary>The pool's fault modes against the fake worker: crash, hang, flood, failing starts, idle.</summary>
public sealed class WorkerPoolTests
{
    private static readonly PoolOptions Defaults = new()
    {
        MinWorkers = 1,
        MaxWorkers = 1,
        ConcurrencyPerWorker = new() { ["fake"] = 1 },
        RestartBackoff = TimeSpan.FromMilliseconds(10),
    };

    [Fact]
    public async Task Call_QueueFull_ThrowsOverloaded()
    {
        await using var fake = new FakePool(Defaults with { MaxQueuedCalls = 2 });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        var held = fake.CallAsync("hang", timeoutSeconds: 10);
        var queued = new[] { fake.CallAsync("hang", timeoutSeconds: 10), fake.CallAsync("hang", timeoutSeconds: 10) };

        var error = await Assert.ThrowsAsync<FaasException>(() => fake.CallAsync("echo", "[1]"));

        Assert.Equal(FaasError.Overloaded, error.Error);
        _ = held;
        _ = queued;
    }

    [Fact]
    public async Task Call_BlocksEventLoopPastTimeout_TimesOutAndWorkerIsReplaced()
    {
        await using var fake = new FakePool(Defaults with { ConcurrencyPerWorker = new() { ["fake"] = 8 } });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        var firstPid = await fake.CallTextAsync("pid");

        var spin = fake.CallAsync("spin", timeoutSeconds: 0.3);
        fake.Time.Advance(TimeSpan.FromSeconds(0.3));

        var error = await Assert.ThrowsAsync<FaasException>(() => spin);
        Assert.Equal(FaasError.Timeout, error.Error);
        // The pool pings the worker (1 s on its clock) before it gives up on it.
        await fake.EventuallyAsync(() => !fake.Pool.ProcessIds.Contains(int.Parse(firstPid)), "the stuck worker is killed", step: TimeSpan.FromSeconds(0.5));
        Assert.NotEqual(firstPid, await fake.CallTextAsync("pid"));
        Assert.Contains(fake.Log.Recent(), line => line.Contains("ran past its 0.3 s timeout"));
    }

    [Fact]
    public async Task Call_SlowAsyncPastTimeout_TimesOutButWorkerStays()
    {
        await using var fake = new FakePool(Defaults with { ConcurrencyPerWorker = new() { ["fake"] = 8 } });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        var pid = await fake.CallTextAsync("pid");

        var slow = fake.CallAsync("slow", "[2000]", timeoutSeconds: 0.2);
        fake.Time.Advance(TimeSpan.FromSeconds(0.2));

        var error = await Assert.ThrowsAsync<FaasException>(() => slow);
        Assert.Equal(FaasError.Timeout, error.Error);
        // The worker takes no call until it has answered the pool's ping; had the ping failed, it would be a new worker.
        Assert.Equal(pid, await fake.CallTextAsync("pid"));
    }

    [Fact]
    public async Task Call_SyncFunctionPastTimeout_WorkerReplacedEvenThoughItAnswersPings()
    {
        await using var fake = new FakePool(Defaults with { ConcurrencyPerWorker = new() { ["fake"] = 8 } });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        var firstPid = int.Parse(await fake.CallTextAsync("pid"));

        // 'hang' never answers but leaves the event loop free; called as a synchronous function it is a runaway.
        var hang = fake.Pool.CallAsync("hang", isAsync: false, FakePool.Args("[]"), TimeSpan.FromSeconds(0.3), TestContext.Current.CancellationToken);
        fake.Time.Advance(TimeSpan.FromSeconds(0.3));

        var error = await Assert.ThrowsAsync<FaasException>(() => hang);
        Assert.Equal(FaasError.Timeout, error.Error);
        await fake.EventuallyAsync(() => !fake.Pool.ProcessIds.Contains(firstPid), "the worker is replaced");
        Assert.NotEqual(firstPid.ToString(System.Globalization.CultureInfo.InvariantCulture), await fake.CallTextAsync("pid"));
    }

    [Fact]
    public async Task Call_WorkerCrashes_FailsWithExitCodeThenNextCallGetsNewWorker()
    {
        await using var fake = new FakePool(Defaults);
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<FaasException>(() => fake.CallAsync("crash", "[9]"));

        Assert.Equal(FaasError.WorkerFailed, error.Error);
        Assert.Contains("exited with code 9", error.Message);
        Assert.Equal("\"back\"", await fake.CallTextAsync("echo", "[\"back\"]"));
    }

    [Fact]
    public async Task Call_WorkersKeepCrashingOnStart_PoolGivesUpAndReportsFailure()
    {
        await using var fake = new FakePool(Defaults with { MaxStartFailures = 3 }, new() { ["FAKE_CRASH_ON_LOAD"] = "1" });
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.Pool.Failed += reason => failed.TrySetResult(reason);
        fake.Pool.StartCold();

        var call = fake.CallAsync("echo", "[1]", timeoutSeconds: 3600);
        // Restarts back off on the pool's clock.
        await fake.EventuallyAsync(() => call.IsCompleted, "the pool gives up", step: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<FaasException>(() => call);
        Assert.Equal(FaasError.Unavailable, error.Error);
        Assert.Contains("keep failing to start", error.Message);
        Assert.Contains("exited with code 3", await failed.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal(FaasError.Unavailable, (await Assert.ThrowsAsync<FaasException>(() => fake.CallAsync("echo", "[1]"))).Error);
    }

    [Fact]
    public async Task Call_CallsQueueUp_PoolGrowsToMaximum()
    {
        await using var fake = new FakePool(Defaults with { MaxWorkers = 3 });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);

        var calls = Enumerable.Range(0, 3).Select(_ => fake.CallTextAsync("slow", "[700]")).ToArray();
        await fake.EventuallyAsync(() => fake.Pool.ProcessIds.Count == 3, "three workers");
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.All(calls, c => Assert.Equal("700", c.Result));
        Assert.Equal(3, fake.Pool.ProcessIds.Count);
    }

    [Fact]
    public async Task Idle_PastIdleTimeout_ScalesToZeroAndNextCallStartsWorker()
    {
        await using var fake = new FakePool(Defaults with { IdleTimeout = TimeSpan.FromMinutes(5) });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        var pid = int.Parse(await fake.CallTextAsync("pid"));

        fake.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal([pid], fake.Pool.ProcessIds);
        fake.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(fake.Pool.ProcessIds);
        await fake.EventuallyAsync(() => !ProcessExists(pid), "the idle worker process exits");

        Assert.Equal("\"cold\"", await fake.CallTextAsync("echo", "[\"cold\"]"));
        Assert.Single(fake.Pool.ProcessIds);
    }

    [Fact]
    public async Task ScaleDown_SpareWorkerIdle_StopsBackToMinimum()
    {
        await using var fake = new FakePool(Defaults with { MaxWorkers = 2, ScaleDownAfter = TimeSpan.FromSeconds(30) });
        await fake.Pool.StartAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(fake.CallAsync("slow", "[400]"), fake.CallAsync("slow", "[400]")).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await fake.EventuallyAsync(() => fake.Pool.ProcessIds.Count == 2, "the second worker has joined");

        fake.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, fake.Pool.ProcessIds.Count);
        fake.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Single(fake.Pool.ProcessIds);
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
