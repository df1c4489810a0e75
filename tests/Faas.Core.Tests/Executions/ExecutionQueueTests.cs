using Faas.Core.Executions;
using Microsoft.Data.Sqlite;

namespace Faas.Core.Tests.Executions;

/// <summary>
/// One queue item per execution, completed in place: each order of "the call ends" and "the writer takes it",
/// made deterministic by starting the writer (or flushing) between the calls.
/// </summary>
public sealed class ExecutionQueueTests
{
    private static ExecutionRecord? Get(HistoryDatabase db, RunningExecution execution) => db.Store.Get(execution.Id);

    [Fact]
    public async Task Complete_BeforeWriterTakesIt_OneQueueItemOneFinishedRow()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { QueueCapacity = 1 });

        var execution = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.Time.Advance(TimeSpan.FromMilliseconds(7));
        db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null, "{\"a\":1}"u8, json: true);
        db.StartWriter();
        await db.FlushAsync();

        Assert.Equal(0, db.Recorder.Dropped);
        var record = Get(db, execution);
        Assert.Equal((ExecutionStatus.Success, 200, 7.0, "{\"a\":1}"), (record?.Status, record?.HttpStatus, record?.DurationMs, record?.Result));
    }

    [Fact]
    public async Task Complete_AfterWriterWrotePending_QueuedAgainAndUpdated()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { QueueCapacity = 1 });
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "handler", "v1", ExecutionTriggers.Http, "{\"method\":\"GET\"}");
        await db.FlushAsync();
        var pending = Get(db, execution);
        db.Recorder.Complete(execution, ExecutionStatus.Error, 500, "boom");
        await db.FlushAsync();

        Assert.Equal((ExecutionStatus.Pending, null, null), (pending?.Status, pending?.HttpStatus, pending?.DurationMs));
        var done = Get(db, execution);
        Assert.Equal((ExecutionStatus.Error, 500, "boom", "{\"method\":\"GET\"}"), (done?.Status, done?.HttpStatus, done?.Error, done?.Event));
        Assert.Equal(0, db.Recorder.Dropped);
    }

    [Fact]
    public async Task Complete_StartWasDropped_EndQueuedOnItsOwn()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { QueueCapacity = 1 });
        var first = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        var dropped = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.StartWriter();
        await db.FlushAsync();

        db.Recorder.Complete(dropped, ExecutionStatus.Timeout, 504, "timed out");
        await db.FlushAsync();
        db.Recorder.Complete(first, ExecutionStatus.Success, 200, null);
        await db.FlushAsync();

        Assert.Equal(1, db.Recorder.Dropped);
        Assert.Equal((ExecutionStatus.Timeout, 504), (Get(db, dropped)?.Status, Get(db, dropped)?.HttpStatus));
        Assert.Equal(ExecutionStatus.Success, Get(db, first)?.Status);
    }

    [Fact]
    public async Task Complete_Twice_LastEndWins()
    {
        await using var db = new HistoryDatabase();
        var execution = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Http);

        db.Recorder.Complete(execution, ExecutionStatus.Error, 502, "upstream failed");
        db.Recorder.Complete(execution, ExecutionStatus.Error, 500, "then our bug");
        db.StartWriter();
        await db.FlushAsync();

        Assert.Equal((500, "then our bug"), (Get(db, execution)?.HttpStatus, Get(db, execution)?.Error));
    }

    [Fact]
    public async Task Complete_EmptyTextResult_KeptAsEmptyNotNull()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "handler", "v1", ExecutionTriggers.Http);
        db.Recorder.Complete(execution, ExecutionStatus.Success, 204, "", ""u8, json: false);
        await db.FlushAsync();

        Assert.Equal(("", ""), (Get(db, execution)?.Result, Get(db, execution)?.Error));
    }

    [Fact]
    public async Task Complete_TextOutsideAscii_StoredAsIs()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();

        var execution = db.Recorder.Begin("café", "fünf", "v1", ExecutionTriggers.Call);
        db.Recorder.Complete(execution, ExecutionStatus.Error, 500, "échec 🚀");
        await db.FlushAsync();

        Assert.Equal(("café", "fünf", "échec 🚀"), (Get(db, execution)?.App, Get(db, execution)?.Function, Get(db, execution)?.Error));
    }

    [Fact]
    public async Task Write_ConstraintFails_ThrowsSqliteException()
    {
        await using var db = new HistoryDatabase();
        var bad = new ExecutionRecord(ExecutionId.New(db.Time.GetUtcNow()), null!, "f", "v1", "call", ExecutionStatus.Success, 200, db.Time.GetUtcNow(), 1, null, null);

        var e = Assert.Throws<SqliteException>(() => db.Store.Write([bad], []));

        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, e.SqliteErrorCode);
        Assert.Null(db.Store.Get(bad.Id));
    }

    [Fact]
    public async Task WriteBatch_Fails_BatchDroppedAndCountedLaterEndsStillWritten()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();
        await db.FlushAsync();
        using (var connection = db.Store.Open())
        using (var command = connection.CreateCommand())
        {
            // A trigger that refuses pending rows: the batch holding the start fails, the end's batch passes.
            command.CommandText = "CREATE TRIGGER refuse_pending BEFORE INSERT ON executions WHEN new.status = 'pending' BEGIN SELECT raise(ABORT, 'refused'); END";
            command.ExecuteNonQuery();
        }

        var first = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        var second = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.Recorder.Append(first.Id, "info", "lost with the batch", db.Time.GetUtcNow());
        await db.FlushAsync();
        db.Recorder.Complete(first, ExecutionStatus.Success, 200, null);
        db.Recorder.Complete(second, ExecutionStatus.Error, 500, "failed");
        await db.FlushAsync();

        Assert.Equal(3, db.Recorder.Dropped);
        Assert.Equal(ExecutionStatus.Success, Get(db, first)?.Status);
        Assert.Equal(ExecutionStatus.Error, Get(db, second)?.Status);
        Assert.Empty(db.Store.Logs(first.Id));
    }
}
