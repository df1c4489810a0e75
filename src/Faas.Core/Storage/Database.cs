using Microsoft.Data.Sqlite;

namespace Faas.Core.Storage;

/// <summary>
/// The server's SQLite file (<c>&lt;data&gt;/faas.db</c>). Each store creates its own tables and opens its
/// own connections (pooled by Microsoft.Data.Sqlite); WAL lets readers run while the history writer writes.
/// </summary>
public sealed class Database(DataLayout layout)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = layout.DatabaseFile,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    public string File => layout.DatabaseFile;

    /// <summary>An open connection in WAL mode that waits up to 5 s for a lock instead of failing.</summary>
    public SqliteConnection Open()
    {
        Directory.CreateDirectory(layout.Root);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
