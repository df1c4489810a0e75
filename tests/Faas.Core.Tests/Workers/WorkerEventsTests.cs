using System.Collections.Concurrent;
using System.Text;
using Faas.Core.Calls;
using Faas.Core.Logging;
using Faas.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Tests.Workers;

/// <summary>A worker's start, exit and kill reach the server's log with the app's name (a real child process: the fake worker).</summary>
public sealed class WorkerEventsTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faas-events-").FullName;
    private readonly ListLogger _logger = new();
    private readonly AppLog _log;

    public WorkerEventsTests() => _log = new AppLog(Path.Combine(_folder, "app.log"));

    public ValueTask DisposeAsync()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    private async Task<WorkerProcess> StartAsync()
    {
        var command = new WorkerCommand("node", [Path.Combine(AppContext.BaseDirectory, "Workers", "Fakes", "fake-worker.js")]);
        var worker = WorkerProcess.Start("fake", command, _folder, new Dictionary<string, string>(), _log, new WorkerEvents(_logger, "ev-app"));
        await worker.LoadAsync([], _folder, [], TimeSpan.FromSeconds(20), Timeout);
        return worker;
    }

    [Fact]
    public async Task Worker_StartsThenCrashes_LogsStartedAndExitedWithCodeAndApp()
    {
        var worker = await StartAsync();
        var pid = worker.ProcessId;

        await Assert.ThrowsAsync<Faas.Core.Rpc.RpcChannelClosedException>(() => worker.CallAsync("crash", new CallArguments(Encoding.UTF8.GetBytes("[7]"), false), Timeout).WaitAsync(Timeout));
        await worker.Exited.WaitAsync(Timeout);
        await worker.StopAsync(TimeSpan.FromSeconds(1));

        var started = Assert.Single(_logger.Entries, e => e.Message.StartsWith("Started the fake worker of ev-app (pid ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, started.Level);
        var exited = Assert.Single(_logger.Entries, e => e.Message.EndsWith("exited with code 7.", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, exited.Level);
        Assert.Equal("ev-app", exited.Properties["App"]);
        Assert.Equal(pid, exited.Properties["Pid"]);
    }

    [Fact]
    public async Task Stop_WorkerIgnoresStdinClose_LogsTheKill()
    {
        var worker = await StartAsync();
        _ = worker.CallAsync("spin", new CallArguments(Encoding.UTF8.GetBytes("[]"), false), CancellationToken.None);

        await worker.StopAsync(TimeSpan.FromMilliseconds(300)).WaitAsync(Timeout);

        var killed = Assert.Single(_logger.Entries, e => e.Message.StartsWith("Killed the fake worker of ev-app", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, killed.Level);
        Assert.DoesNotContain(_logger.Entries, e => e.Message.Contains("exited with code", StringComparison.Ordinal));
    }

    private sealed record Entry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new Entry(logLevel, formatter(state, exception),
                state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : []));
    }
}
