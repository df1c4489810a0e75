using Faas.Core.Executions;

namespace Faas.Core.Tests.Executions;

public sealed class ExecutionRecorderTests
{
    [Fact]
    public async Task Complete_AfterBegin_OneRowWithStatusDurationAndLogs()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "handler", "v2", ExecutionTriggers.Http, """{"method":"GET"}""");
        db.Recorder.Append(execution.Id, "info", "first", db.Time.GetUtcNow());
        db.Time.Advance(TimeSpan.FromMilliseconds(42));
        db.Recorder.Append(execution.Id, "warn", "second", db.Time.GetUtcNow());
        var duration = db.Recorder.Complete(execution, ExecutionStatus.Success, 201, null);
        await db.FlushAsync();

        Assert.Equal(42, duration);
        var record = db.Store.Get(execution.Id);
        Assert.NotNull(record);
        Assert.Equal(("shop", "handler", "v2", "http", "success", 201), (record.App, record.Function, record.Version, record.Trigger, record.Status, record.HttpStatus));
        Assert.Equal(42, record.DurationMs);
        Assert.Equal("""{"method":"GET"}""", record.Event);
        Assert.Equal(db.Time.GetUtcNow().AddMilliseconds(-42), record.StartedAt);
        Assert.Equal([("info", "first"), ("warn", "second")], db.Store.Logs(execution.Id).Select(l => (l.Level, l.Message)));
    }

    [Fact]
    public async Task Begin_WriterBehind_StaysPendingUntilCompleted()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        await db.FlushAsync();
        var pending = db.Store.Get(execution.Id);
        db.Recorder.Complete(execution, ExecutionStatus.Timeout, 504, "timed out");
        await db.FlushAsync();

        Assert.Equal(ExecutionStatus.Pending, pending?.Status);
        var done = db.Store.Get(execution.Id);
        Assert.Equal((ExecutionStatus.Timeout, 504, "timed out"), (done?.Status, done?.HttpStatus, done?.Error));
    }

    [Fact]
    public async Task RunAsync_PendingFromBeforeRestart_EndsAsInterruptedError()
    {
        string directory;
        string id;
        await using (var before = new HistoryDatabase { KeepFiles = true })
        {
            directory = before.Directory;
            before.StartWriter();
            id = before.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call).Id;
            await before.FlushAsync();
        }
        await using var after = new HistoryDatabase(directory: directory);

        after.StartWriter();
        await after.FlushAsync();

        var record = after.Store.Get(id);
        Assert.Equal(ExecutionStatus.Error, record?.Status);
        Assert.Equal(ExecutionStatus.Interrupted, record?.Error);
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsAndCountsWithoutWaiting()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { QueueCapacity = 3 });

        for (var i = 0; i < 5; i++)
        {
            db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        }

        Assert.Equal(2, db.Recorder.Dropped);
        db.StartWriter();
        await db.FlushAsync();
        Assert.Equal(3, db.Store.List(new ExecutionQuery("shop", null, null, null, 100, 0)).Total);
    }

    [Fact]
    public async Task Begin_RecordOff_WritesNothingButGivesIds()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { Record = false });
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null);
        await db.FlushAsync();

        Assert.True(ExecutionId.IsValid(execution.Id));
        Assert.Null(db.Store.Get(execution.Id));
    }

    [Fact]
    public async Task Prune_OlderThanMaxAge_DeletedWithLogs()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { MaxAge = TimeSpan.FromDays(7) });
        db.StartWriter();
        var old = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.Recorder.Append(old.Id, "info", "old line", db.Time.GetUtcNow());
        db.Recorder.Complete(old, ExecutionStatus.Success, 200, null);
        db.Time.Advance(TimeSpan.FromDays(6));
        var recent = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
        db.Recorder.Complete(recent, ExecutionStatus.Success, 200, null);
        await db.FlushAsync();

        var first = db.Recorder.Prune();
        db.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var second = db.Recorder.Prune();

        Assert.Equal((0, 1), (first, second));
        Assert.Null(db.Store.Get(old.Id));
        Assert.Empty(db.Store.Logs(old.Id));
        Assert.NotNull(db.Store.Get(recent.Id));
    }

    [Fact]
    public async Task Prune_OverMaxPerApp_KeepsNewestOfEachApp()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { MaxPerApp = 2 });
        db.StartWriter();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var execution = db.Recorder.Begin("shop", "f", "v1", ExecutionTriggers.Call);
            db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null);
            ids.Add(execution.Id);
            db.Time.Advance(TimeSpan.FromSeconds(1));
        }
        var other = db.Recorder.Begin("blog", "f", "v1", ExecutionTriggers.Call);
        await db.FlushAsync();

        Assert.Equal(2, db.Recorder.Prune());

        var kept = db.Store.List(new ExecutionQuery("shop", null, null, null, 100, 0));
        Assert.Equal([ids[3], ids[2]], kept.Items.Select(r => r.Id));
        Assert.NotNull(db.Store.Get(other.Id));
    }

    [Fact]
    public async Task Prune_AppWithItsOwnLimits_ThoseApplyToItAloneOthersKeepTheServers()
    {
        await using var db = new HistoryDatabase(new ExecutionOptions { MaxAge = TimeSpan.FromDays(7), MaxPerApp = 3 });
        db.StartWriter();
        var ids = new Dictionary<string, List<string>> { ["shop"] = [], ["blog"] = [], ["wiki"] = [] };
        for (var i = 0; i < 5; i++)
        {
            foreach (var (app, list) in ids)
            {
                var execution = db.Recorder.Begin(app, "f", "v1", ExecutionTriggers.Call);
                db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null);
                list.Add(execution.Id);
            }
            db.Time.Advance(TimeSpan.FromDays(1));
        }
        await db.FlushAsync();
        var own = new Dictionary<string, HistoryRetention>
        {
            ["shop"] = new(null, 1),
            ["wiki"] = new(TimeSpan.FromDays(2.5), null),
        };

        var deleted = db.Recorder.Prune(own);

        string[] Kept(string app) => [.. db.Store.List(new ExecutionQuery(app, null, null, null, 100, 0)).Items.Select(r => r.Id)];
        Assert.Equal([ids["shop"][4]], Kept("shop"));
        Assert.Equal([ids["blog"][4], ids["blog"][3], ids["blog"][2]], Kept("blog"));
        Assert.Equal([ids["wiki"][4], ids["wiki"][3]], Kept("wiki"));
        Assert.Equal(4 + 2 + 3, deleted);
    }

    [Fact]
    public async Task List_Filters_MatchStatusFunctionTriggerAndPage()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();
        foreach (var (function, trigger, status) in new[] { ("a", "call", "success"), ("b", "http", "error"), ("a", "http", "success"), ("a", "call", "timeout") })
        {
            db.Recorder.Complete(db.Recorder.Begin("shop", function, "v1", trigger), status, 200, null);
            db.Time.Advance(TimeSpan.FromMilliseconds(5));
        }
        await db.FlushAsync();

        Assert.Equal(4, db.Store.List(new("shop", null, null, null, 2, 0)).Total);
        Assert.Equal(2, db.Store.List(new("shop", null, null, null, 2, 0)).Items.Count);
        Assert.Equal(["timeout", "success"], db.Store.List(new("shop", null, "a", null, 2, 0)).Items.Select(r => r.Status));
        Assert.Equal([("call", "success")], db.Store.List(new("shop", null, "a", null, 2, 2)).Items.Select(r => (r.Trigger, r.Status)));
        Assert.Equal(2, db.Store.List(new("shop", "success", null, null, 10, 0)).Total);
        Assert.Equal(2, db.Store.List(new("shop", null, null, "http", 10, 0)).Total);
        Assert.Equal(1, db.Store.List(new("shop", "error", "b", "http", 10, 0)).Total);
        Assert.Empty(db.Store.List(new("blog", null, null, null, 10, 0)).Items);
    }
}
