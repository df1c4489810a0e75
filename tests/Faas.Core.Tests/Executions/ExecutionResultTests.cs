using System.Text;
using Faas.Core.Executions;
using Faas.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Faas.Core.Tests.Executions;

public sealed class ExecutionResultTests
{
    [Fact]
    public async Task Complete_JsonResult_StoredWithSecretsMasked()
    {
        await using var db = new HistoryDatabase();
        db.StartWriter();

        var execution = db.Recorder.Begin("shop", "login", "v1", ExecutionTriggers.Call);
        db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null, """{"user": "ann", "token": "s3cr3t", "items": [{"db_password": 1, "n": 2}]}"""u8, json: true);
        var plain = db.Recorder.Begin("shop", "hello", "v1", ExecutionTriggers.Http);
        db.Recorder.Complete(plain, ExecutionStatus.Success, 200, null, "héllo"u8, json: false);
        var failed = db.Recorder.Begin("shop", "boom", "v1", ExecutionTriggers.Call);
        db.Recorder.Complete(failed, ExecutionStatus.Error, 500, "Error: boom");
        await db.FlushAsync();

        Assert.Equal("""{"user":"ann","token":"[REDACTED]","items":[{"db_password":"[REDACTED]","n":2}]}""", db.Store.Get(execution.Id)?.Result);
        Assert.Equal("héllo", db.Store.Get(plain.Id)?.Result);
        Assert.Null(db.Store.Get(failed.Id)?.Result);
        Assert.Contains(db.Store.List(new ExecutionQuery("shop", null, null, null, 10, 0)).Items, r => r.Result == "héllo");
    }

    [Fact]
    public void Of_JsonOverCap_TruncatedWithMarker()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"n":{{i}},"secret":"x{{i}}"}""")) + "]";

        var text = ExecutionResultText.Of(Encoding.UTF8.GetBytes(json), json: true);

        Assert.EndsWith(ExecutionResultText.TruncatedMarker, text, StringComparison.Ordinal);
        Assert.StartsWith("""[{"n":0,"secret":"[REDACTED]"},{"n":1,""", text, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(text[..^ExecutionResultText.TruncatedMarker.Length]), ExecutionResultText.Cap - 100, ExecutionResultText.Cap);
        Assert.DoesNotContain("\"x1\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OneLongJsonString_TruncatedWithMarker()
    {
        var json = "\"" + new string('a', 100_000) + "\"";

        var text = ExecutionResultText.Of(Encoding.UTF8.GetBytes(json), json: true);

        Assert.Equal("\"" + new string('a', ExecutionResultText.Cap - 1) + ExecutionResultText.TruncatedMarker, text);
    }

    [Fact]
    public void Of_TextOverCap_CutOnACharacterBoundary()
    {
        // 'é' is two bytes: the cap falls inside one, so the cut backs off to the character's start.
        var body = "a" + string.Concat(Enumerable.Repeat("é", 5000));

        var text = ExecutionResultText.Of(Encoding.UTF8.GetBytes(body), json: false);

        Assert.Equal("a" + string.Concat(Enumerable.Repeat("é", (ExecutionResultText.Cap - 1) / 2)) + ExecutionResultText.TruncatedMarker, text);
    }

    [Fact]
    public void Of_JsonWithNothingToMask_SameTextAsTheMaskingCopy()
    {
        string[] values =
        [
            "3", "-0.5e+10", "true", "null", "[1,2,[3,[]],false]", "[1,2", "1]", "[1,]", "\"plain\"", "[\"a\",\"b\"]", "[1, 2]", "\"a\\u0041\"", "{\"token\":1}",
            "[" + string.Join(",", Enumerable.Range(0, 2000)) + "]", "\"" + new string('x', 9000) + "\"",
            .. Enumerable.Range(0x21, 0x7E - 0x21 + 1).Where(c => c is not ('{' or '\\' or '"')).Select(c => $"[\"a{(char)c}b\",{(char)c}]"),
        ];

        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            string masked;
            try
            {
                masked = ExecutionResultText.MaskedJson(bytes);
            }
            catch (System.Text.Json.JsonException)
            {
                masked = ExecutionResultText.Of(bytes, json: false);
            }
            Assert.Equal(masked, ExecutionResultText.Of(bytes, json: true));
        }
    }

    [Fact]
    public void Of_InvalidJson_KeptAsText()
    {
        Assert.Equal("{not json", ExecutionResultText.Of("{not json"u8, json: true));
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", true, false)]
    [InlineData("application/json", true, true)]
    [InlineData("application/problem+json", true, true)]
    [InlineData("application/octet-stream", false, false)]
    [InlineData("image/png", false, false)]
    public void IsText_ContentType_TextAndJsonTypesKept(string contentType, bool text, bool json)
    {
        Assert.Equal((text, json), (ExecutionResultText.IsText(contentType), ExecutionResultText.IsJson(contentType)));
    }

    [Fact]
    public async Task Open_DatabaseFromBeforeResults_AddsTheColumnAndKeepsRows()
    {
        var directory = Path.Combine(Path.GetTempPath(), "faas-history-" + Guid.NewGuid().ToString("N"));
        var database = new Database(new DataLayout(directory));
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            // The schema as the previous release created it, with one execution.
            command.CommandText = """
                CREATE TABLE executions (
                    id TEXT PRIMARY KEY, app TEXT NOT NULL, function TEXT NOT NULL, version TEXT NOT NULL, trigger TEXT NOT NULL,
                    status TEXT NOT NULL, http_status INTEGER, started_at INTEGER NOT NULL, duration_ms REAL, error TEXT, event TEXT);
                CREATE TABLE execution_logs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, execution_id TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);
                INSERT INTO executions VALUES ('ex_old', 'shop', 'f', 'v1', 'call', 'success', 200, 0, 1.5, NULL, NULL);
                """;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        await using var db = new HistoryDatabase(directory: directory);
        db.StartWriter();

        var old = db.Store.Get("ex_old");
        var execution = db.Recorder.Begin("shop", "f", "v2", ExecutionTriggers.Call);
        db.Recorder.Complete(execution, ExecutionStatus.Success, 200, null, "42"u8, json: true);
        await db.FlushAsync();

        Assert.Equal(("success", (string?)null), (old?.Status, old?.Result));
        Assert.Equal("42", db.Store.Get(execution.Id)?.Result);
    }
}
