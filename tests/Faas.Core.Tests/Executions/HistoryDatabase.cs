using Faas.Core.Executions;
using Faas.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Faas.Core.Tests.Executions;

/// <summary>A real <c>faas.db</c> in a temp folder, a recorder on a fake clock, and its writer loop.</summary>
internal sealed class HistoryDatabase : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _writer;

    public HistoryDatabase(ExecutionOptions? options = null, string? directory = null)
    {
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "faas-history-" + Guid.NewGuid().ToString("N"));
        Store = new ExecutionStore(new Database(new DataLayout(Directory)));
        // No batch delay: the fake clock would hold the writer until a test moved it.
        Options = options ?? new ExecutionOptions();
        Options.BatchDelay = TimeSpan.Zero;
        Recorder = new ExecutionRecorder(Store, Options, Time, NullLogger<ExecutionRecorder>.Instance);
    }

    public string Directory { get; }

    /// <summary>Leaves the folder on dispose (a server stop; a second one opens it after).</summary>
    public bool KeepFiles { get; set; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    public ExecutionOptions Options { get; }

    public ExecutionStore Store { get; }

    public ExecutionRecorder Recorder { get; }

    public void StartWriter() => _writer = Task.Run(() => Recorder.RunAsync(_stop.Token));

    public async Task FlushAsync() =>
        Assert.True(await Recorder.FlushAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

    /// <summary>Stops the writer (it drains what is queued) without deleting the folder: a server stop.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_writer is not null)
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        SqliteConnection.ClearAllPools();
        if (KeepFiles)
        {
            return;
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
