using Microsoft.Data.Sqlite;

namespace Faas.Core.Services;

/// <summary>
/// Connections to <c>&lt;data&gt;/faas.db</c> for the KV and env stores (each store creates its own
/// tables). WAL lets readers run beside the one writer; a busy timeout waits out the other's lock.
/// </summary>
internal sealed class ServiceDatabase(Storage.DataLayout layout)
{
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
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> (table creation) once per store.</summary>
    public void Create(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
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
