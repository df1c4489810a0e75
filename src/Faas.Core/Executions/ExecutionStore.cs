using Faas.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Faas.Core.Executions;

/// <summary>
/// The execution history in SQLite (<c>executions</c>, <c>execution_logs</c> in <c>faas.db</c>). Written
/// only by <see cref="ExecutionRecorder"/>'s background writer, in batches; read by the API.
/// Times are unix milliseconds; ids sort by start time, so "newest first" is <c>ORDER BY id DESC</c>.
/// </summary>
public sealed class ExecutionStore(Database database)
{
    private const string Columns = "id, app, function, version, trigger, status, http_status, started_at, duration_ms, error, event, result";
    private readonly Lazy<bool> _schema = new(() => CreateSchema(database));

    public SqliteConnection Open()
    {
        _ = _schema.Value;
        return database.Open();
    }

    /// <summary>Inserts or completes executions and appends log lines, in one transaction (on a connection of its own).</summary>
    internal void Write(IReadOnlyCollection<ExecutionRecord> records, IReadOnlyList<(string ExecutionId, ExecutionLogLine Line)> lines)
    {
        using var writer = OpenWriter();
        writer.Write([.. records.Select(RunningExecution.Of)], lines);
    }

    /// <summary>A writer that keeps its connection and prepared statements for many batches (the recorder's loop).</summary>
    internal ExecutionWriter OpenWriter() => new(Open(), Columns);

    /// <summary>Ends every execution still <c>pending</c> (the server stopped or crashed during it) as an error; returns how many.</summary>
    internal int MarkInterrupted()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE executions SET status = $error, error = $why WHERE status = $pending";
        command.Parameters.AddWithValue("$error", ExecutionStatus.Error);
        command.Parameters.AddWithValue("$why", ExecutionStatus.Interrupted);
        command.Parameters.AddWithValue("$pending", ExecutionStatus.Pending);
        return command.ExecuteNonQuery();
    }

    public (IReadOnlyList<ExecutionRecord> Items, int Total) List(ExecutionQuery query)
    {
        using var connection = Open();
        var where = "WHERE app = $app"
            + (query.Status is null ? "" : " AND status = $status")
            + (query.Function is null ? "" : " AND function = $function")
            + (query.Trigger is null ? "" : " AND trigger = $trigger");
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM executions {where}";
        Bind(count, query);
        var total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM executions {where} ORDER BY id DESC LIMIT $limit OFFSET $offset";
        Bind(select, query);
        select.Parameters.AddWithValue("$limit", query.Limit);
        select.Parameters.AddWithValue("$offset", query.Offset);
        var items = new List<ExecutionRecord>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }
        return (items, total);
    }

    public ExecutionRecord? Get(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM executions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>An execution's log lines, oldest first.</summary>
    public IReadOnlyList<ExecutionLogLine> Logs(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT level, message, at FROM execution_logs WHERE execution_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", id);
        var lines = new List<ExecutionLogLine>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(new ExecutionLogLine(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }
        return lines;
    }

    /// <summary>
    /// Deletes each app's executions started before <paramref name="cutoff"/> and those past its newest
    /// <paramref name="maxPerApp"/>, with their log lines; returns how many executions went.
    /// </summary>
    /// <param name="app">Only this app's executions; null: every app but those in <paramref name="except"/> (they have limits of their own).</param>
    internal int Prune(DateTimeOffset cutoff, int maxPerApp, string? app = null, IReadOnlyCollection<string>? except = null)
    {
        const string Which = "(app = $app OR ($app IS NULL AND app NOT IN (SELECT value FROM json_each($except))))";
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var old = connection.CreateCommand();
        old.CommandText = $"DELETE FROM executions WHERE started_at < $cutoff AND {Which}";
        old.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        using var excess = connection.CreateCommand();
        excess.CommandText = $"""
            DELETE FROM executions WHERE id IN (
                SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY app ORDER BY id DESC) AS n FROM executions WHERE {Which}) WHERE n > $max)
            """;
        excess.Parameters.AddWithValue("$max", maxPerApp);
        var exceptJson = JsonArray(except ?? []);
        foreach (var command in new[] { old, excess })
        {
            command.Parameters.AddWithValue("$app", (object?)app ?? DBNull.Value);
            command.Parameters.AddWithValue("$except", exceptJson);
        }
        var deleted = old.ExecuteNonQuery();
        deleted += excess.ExecuteNonQuery();
        if (deleted > 0)
        {
            using var logs = connection.CreateCommand();
            logs.CommandText = "DELETE FROM execution_logs WHERE execution_id NOT IN (SELECT id FROM executions)";
            logs.ExecuteNonQuery();
        }
        transaction.Commit();
        return deleted;
    }

    private static string JsonArray(IReadOnlyCollection<string> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Removes an app's history (the app was deleted).</summary>
    public void DeleteApp(string app)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM execution_logs WHERE execution_id IN (SELECT id FROM executions WHERE app = $app);
            DELETE FROM executions WHERE app = $app;
            """;
        command.Parameters.AddWithValue("$app", app);
        command.ExecuteNonQuery();
    }

    private static bool CreateSchema(Database database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS executions (
                id TEXT PRIMARY KEY, app TEXT NOT NULL, function TEXT NOT NULL, version TEXT NOT NULL, trigger TEXT NOT NULL,
                status TEXT NOT NULL, http_status INTEGER, started_at INTEGER NOT NULL, duration_ms REAL, error TEXT, event TEXT, result TEXT);
            CREATE INDEX IF NOT EXISTS executions_by_app ON executions (app, id);
            CREATE TABLE IF NOT EXISTS execution_logs (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, execution_id TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS execution_logs_by_execution ON execution_logs (execution_id, seq);
            """;
        command.ExecuteNonQuery();
        // A faas.db from before results were kept: the column is added (null for the executions it has).
        command.CommandText = "SELECT count(*) FROM pragma_table_info('executions') WHERE name = 'result'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE executions ADD COLUMN result TEXT";
            command.ExecuteNonQuery();
        }
        return true;
    }

    private static void Bind(SqliteCommand command, ExecutionQuery query)
    {
        command.Parameters.AddWithValue("$app", query.App);
        if (query.Status is not null)
        {
            command.Parameters.AddWithValue("$status", query.Status);
        }
        if (query.Function is not null)
        {
            command.Parameters.AddWithValue("$function", query.Function);
        }
        if (query.Trigger is not null)
        {
            command.Parameters.AddWithValue("$trigger", query.Trigger);
        }
    }

    private static ExecutionRecord Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetInt32(6),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        r.IsDBNull(8) ? null : r.GetDouble(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.IsDBNull(11) ? null : r.GetString(11));
}
