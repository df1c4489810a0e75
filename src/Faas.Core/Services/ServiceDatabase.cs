using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Faas.Core.Services;

/// <summary>
/// Connections to <c>&lt;data&gt;/faas.db</c> for the KV and env stores (each store creates its own
/// tables). WAL lets readers run beside the one writer; a busy timeout waits out the other's lock.
/// <c>synchronous=NORMAL</c> (WAL): a commit survives the server crashing, and the file stays consistent
/// on a power loss, which may lose the last commits; no fsync per write (the WAL is synced at checkpoints).
/// </summary>
internal sealed class ServiceDatabase(Storage.DataLayout layout)
{
    /// <summary>Idle sessions kept open for the next call; more are opened under load and closed when given back.</summary>
    private const int MaxIdleSessions = 8;

    private readonly ConcurrentBag<ServiceSession> _idle = [];
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(layout.Root, "faas.db"),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public SqliteConnection Open()
    {
        Directory.CreateDirectory(layout.Root);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>An open session with its prepared commands (an idle one when there is one); dispose gives it back.</summary>
    public ServiceSession Rent() => _idle.TryTake(out var session) ? session : new ServiceSession(Open(), this);

    internal void Return(ServiceSession session)
    {
        if (_idle.Count < MaxIdleSessions)
        {
            _idle.Add(session);
        }
        else
        {
            session.Close();
        }
    }

    /// <summary>Runs <paramref name="sql"/> (table creation) once per store, with the file in WAL mode (kept in the file).</summary>
    public void Create(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
