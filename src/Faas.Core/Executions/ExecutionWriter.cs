using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Faas.Core.Executions;

/// <summary>
/// Writes batches of executions and log lines: one connection and two prepared statements kept for as long
/// as the writer lives (the recorder's loop keeps one for its lifetime), one transaction per batch. A start
/// written as pending meets its end, written in a later batch, in the upsert.
/// </summary>
/// <remarks>
/// The statements go through SQLitePCLRaw (the library under Microsoft.Data.Sqlite) on the connection's handle:
/// bound in place and stepped, with no data reader and no boxed value per row. A failed step throws the
/// <see cref="SqliteException"/> Microsoft.Data.Sqlite would have thrown.
/// </remarks>
internal sealed class ExecutionWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _upsert;
    private readonly sqlite3_stmt _insertLine;

    /// <param name="connection">An open connection, owned by the writer from now on.</param>
    public ExecutionWriter(SqliteConnection connection, string columns)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The history's connection is not open.");
        _upsert = Prepare($"""
            INSERT INTO executions ({columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
                duration_ms = excluded.duration_ms, error = excluded.error, event = coalesce(excluded.event, executions.event),
                result = excluded.result
            """);
        _insertLine = Prepare("INSERT INTO execution_logs (execution_id, level, message, at) VALUES (?1, ?2, ?3, ?4)");
    }

    /// <summary>
    /// Inserts or completes executions and appends log lines, in one transaction. Each execution is taken from the
    /// queue here (<see cref="RunningExecution.TakeForWriting"/>): finished if it has ended, else as <c>pending</c>.
    /// </summary>
    public void Write(IReadOnlyList<RunningExecution> executions, IReadOnlyList<(string ExecutionId, ExecutionLogLine Line)> lines)
    {
        using var transaction = _connection.BeginTransaction();
        var s = _upsert;
        foreach (var e in executions)
        {
            var completed = e.TakeForWriting();
            Text(s, 1, e.Id);
            Text(s, 2, e.App);
            Text(s, 3, e.Function);
            Text(s, 4, e.Version);
            Text(s, 5, e.Trigger);
            Text(s, 6, completed ? e.Status : ExecutionStatus.Pending);
            Check(completed && e.HttpStatus is { } http ? raw.sqlite3_bind_int(s, 7, http) : raw.sqlite3_bind_null(s, 7));
            Check(raw.sqlite3_bind_int64(s, 8, e.StartedAt.ToUnixTimeMilliseconds()));
            Check(completed && e.DurationMs is { } ms ? raw.sqlite3_bind_double(s, 9, ms) : raw.sqlite3_bind_null(s, 9));
            Text(s, 10, completed ? e.Error : null);
            Text(s, 11, e.Event);
            Text(s, 12, completed ? e.Result : null);
            Step(s);
        }
        s = _insertLine;
        foreach (var (id, line) in lines)
        {
            Text(s, 1, id);
            Text(s, 2, line.Level);
            Text(s, 3, line.Message);
            Check(raw.sqlite3_bind_int64(s, 4, line.At.ToUnixTimeMilliseconds()));
            Step(s);
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        // Finalized before the connection goes back to the pool.
        _upsert.Dispose();
        _insertLine.Dispose();
        _connection.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    /// <summary>Binds text as UTF-16 straight from the string (SQLite copies and converts it): no UTF-8 array per value.</summary>
    private void Text(sqlite3_stmt statement, int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value));

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
