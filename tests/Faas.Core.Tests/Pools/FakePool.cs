using System.Text;
using Faas.Core.Calls;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Pools;
using Faas.Core.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Faas.Core.Tests.Pools;

/// <summary>A worker pool over the fake worker, in a temp folder, on a fake clock the test moves.</summary>
internal sealed class FakePool : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faas-pool-").FullName;

    /// <param name="eventLoop">Treat the fake worker as an event-loop worker (as Node.js is).</param>
    public FakePool(PoolOptions options, Dictionary<string, string>? environment = null, bool eventLoop = false)
    {
        Log = new AppLog(Path.Combine(_folder, "app.log"));
        var command = new WorkerCommand("node", [Path.Combine(AppContext.BaseDirectory, "Workers", "Fakes", "fake-worker.js")]);
        var start = new WorkerStart(command, environment ?? [], []);
        var launch = new WorkerLaunch(new WorkerOptions { StopTimeout = TimeSpan.FromSeconds(1) }, _folder,
            new Dictionary<string, LanguageWorker> { ["fake"] = new(new FakeLanguage(eventLoop), start) });
        Pool = new WorkerPool("fake", [], launch, Log, options, Time);
    }

    public WorkerPool Pool { get; }

    public AppLog Log { get; }

    /// <summary>The pool's clock: call timeouts, pings, back-off, idle and scale-down all run on it.</summary>
    public FakeTimeProvider Time { get; } = new();

    public static CallArguments Args(string json) => new(Encoding.UTF8.GetBytes(json), false);

    public Task<Faas.Core.Rpc.RpcResponse> CallAsync(string function, string args = "[]", double timeoutSeconds = 20) =>
        Pool.CallAsync(function, AsyncFunctions.Contains(function), Args(args), TimeSpan.FromSeconds(timeoutSeconds), TestContext.Current.CancellationToken);

    /// <summary>The fake worker's functions that report <c>async</c> (they wait on a timer, or forever).</summary>
    private static readonly HashSet<string> AsyncFunctions = ["slow", "hang"];

    public async Task<string> CallTextAsync(string function, string args = "[]") =>
        Encoding.UTF8.GetString((await CallAsync(function, args).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).Result.Span);

    /// <summary>
    /// Polls until <paramref name="condition"/> holds, failing after 20 s of real time; each round moves
    /// the fake clock by <paramref name="step"/> (if any), for timers set while the test waits.
    /// </summary>
    public async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? step = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }
            if (step is { } advance)
            {
                Time.Advance(advance);
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        Log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
