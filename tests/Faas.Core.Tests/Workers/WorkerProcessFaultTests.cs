using System.Text;
using Faas.Core.Calls;
using Faas.Core.Logging;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Workers;

/// <summary>A real child process (the fake worker) that crashes, hangs or prints garbage on request.</summary>
public sealed class WorkerProcessFaultTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faas-fake-").FullName;
    private AppLog _log = null!;
    private WorkerProcess _worker = null!;

    public async ValueTask InitializeAsync()
    {
        _log = new AppLog(Path.Combine(_folder, "app.log"));
        var command = new WorkerCommand("node", [Path.Combine(AppContext.BaseDirectory, "Workers", "Fakes", "fake-worker.js")]);
        _worker = WorkerProcess.Start("fake", command, _folder, new Dictionary<string, string>(), _log);
        await _worker.LoadAsync([], _folder, [], TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(TimeSpan.FromSeconds(1));
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static CallArguments Args(string json) => new(Encoding.UTF8.GetBytes(json), false);

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task Call_WorkerExitsMidCall_PendingCallsFailWithExitCodeAndStderr()
    {
        var hanging = _worker.CallAsync("hang", Args("[]"), Timeout);
        var crashing = _worker.CallAsync("crash", Args("[7]"), Timeout);

        var error = await Assert.ThrowsAsync<Faas.Core.Rpc.RpcChannelClosedException>(() => crashing.WaitAsync(Timeout));
        Assert.Contains("exited with code 7", error.Message);
        Assert.Contains("fatal: the fake worker crashed", error.Message);
        await Assert.ThrowsAsync<Faas.Core.Rpc.RpcChannelClosedException>(() => hanging.WaitAsync(Timeout));
        Assert.True(_worker.HasExited);
        Assert.Contains(_log.Recent(), line => line.Contains("exited with code 7"));
    }

    [Fact]
    public async Task Call_GarbageOnStdout_GoesToLogAndCallSucceeds()
    {
        var response = await _worker.CallAsync("garbage", Args("[\"fine\"]"), Timeout);

        Assert.Equal("\"fine\"", Encoding.UTF8.GetString(response.Result.Span));
        Assert.Contains(_log.Recent(), line => line.Contains("this is not json"));
        Assert.Equal("\"again\"", Encoding.UTF8.GetString((await _worker.CallAsync("echo", Args("[\"again\"]"), Timeout)).Result.Span));
    }

    [Fact]
    public async Task Call_HangingFunction_OtherCallsStillAnswer()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var hanging = _worker.CallAsync("hang", Args("[]"), giveUp.Token);

        var echo = await _worker.CallAsync("echo", Args("[1]"), Timeout);

        Assert.Equal("1", Encoding.UTF8.GetString(echo.Result.Span));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Stop_HangingWorker_IsKilledAfterGrace()
    {
        _ = _worker.CallAsync("hang", Args("[]"), CancellationToken.None);

        await _worker.StopAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(Timeout);

        Assert.True(_worker.HasExited);
    }
}
