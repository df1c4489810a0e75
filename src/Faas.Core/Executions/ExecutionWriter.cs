using Microsoft.Data.Sqlite;

namespace Faas.Core.Executions;

/// <summary>
/// Writes batches of execution records and log lines: one connection and two prepared statements kept
/// for as long as the writer lives (the recorder's loop keeps one for its lifetime), one transaction per
/// batch. A start and its end written in different batches meet in the upsert.
/// </summary>
internal sealed class ExecutionWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter[] _record;
    private readonly SqliteCommand _insertLine;
    private readonly SqliteParameter[] _line;

    /// <param name="connection">An open connection, owned by the writer from now on.</param>
    public ExecutionWriter(SqliteConnection connection, string columns)
    {
        _connection = connection;
        _upsert = connection.CreateCommand();
        _upsert.CommandText = $"""
            INSERT INTO executions ({columns}) VALUES ($id, $app, $function, $version, $trigger, $status, $http, $started, $duration, $error, $event, $result)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
                duration_ms = excluded.duration_ms, error = excluded.error, event = coalesce(excluded.event, executions.event),
                result = excluded.result
            """;
        _record = AddParameters(_upsert, "$id", "$app", "$function", "$version", "$trigger", "$status", "$http", "$started", "$duration", "$error", "$event", "$result");
        _insertLine = connection.CreateCommand();
        _insertLine.CommandText = "INSERT INTO execution_logs (execution_id, level, message, at) VALUES ($execution, $level, $message, $at)";
        _line = AddParameters(_insertLine, "$execution", "$level", "$message", "$at");
        _upsert.Prepare();
        _insertLine.Prepare();
    }

    /// <summary>Inserts or completes executions and appends log lines, in one transaction.</summary>
    public void Write(IReadOnlyCollection<ExecutionRecord> records, IReadOnlyList<(string ExecutionId, ExecutionLogLine Line)> lines)
    {
        using var transaction = _connection.BeginTransaction();
        _upsert.Transaction = transaction;
        _insertLine.Transaction = transaction;
        var p = _record;
        foreach (var r in records)
        {
            p[0].Value = r.Id;
            p[1].Value = r.App;
            p[2].Value = r.Function;
            p[3].Value = r.Version;
            p[4].Value = r.Trigger;
            p[5].Value = r.Status;
            p[6].Value = (object?)r.HttpStatus ?? DBNull.Value;
            p[7].Value = r.StartedAt.ToUnixTimeMilliseconds();
            p[8].Value = (object?)r.DurationMs ?? DBNull.Value;
            p[9].Value = (object?)r.Error ?? DBNull.Value;
            p[10].Value = (object?)r.Event ?? DBNull.Value;
            p[11].Value = (object?)r.Result ?? DBNull.Value;
            _upsert.ExecuteNonQuery();
        }
        p = _line;
        foreach (var (id, line) in lines)
        {
            p[0].Value = id;
            p[1].Value = line.Level;
            p[2].Value = line.Message;
            p[3].Value = line.At.ToUnixTimeMilliseconds();
            _insertLine.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _insertLine.Dispose();
        _connection.Dispose();
    }

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];
}
