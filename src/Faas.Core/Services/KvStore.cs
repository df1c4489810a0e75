using System.Text;
using Microsoft.Data.Sqlite;

namespace Faas.Core.Services;

/// <summary>
/// Each app's key-value store (string keys and values) in <c>faas.db</c>, table <c>kv</c>. An app sees
/// only its own keys; its keys and values together stay under <see cref="ServiceOptions.KvMaxBytesPerApp"/>.
/// </summary>
public sealed class KvStore
{
    private readonly ServiceDatabase _database;
    private readonly ServiceOptions _options;
    private readonly Lazy<bool> _created;

    public KvStore(Storage.DataLayout layout, ServiceOptions options)
    {
        _database = new ServiceDatabase(layout);
        _options = options;
        _created = new Lazy<bool>(() =>
        {
            _database.Create("CREATE TABLE IF NOT EXISTS kv(app TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(app, key)) WITHOUT ROWID;");
            return true;
        });
    }

    public string? Get(string app, string key)
    {
        CheckKey(key);
        using var session = Rent();
        return session.Command("SELECT value FROM kv WHERE app=$app AND key=$key", null, ("$app", app), ("$key", key)).ExecuteScalar() as string;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (replacing it); 413 past the value limit or the app's quota.</summary>
    public void Set(string app, string key, string value)
    {
        CheckKey(key);
        var size = Encoding.UTF8.GetByteCount(value);
        if (size > _options.KvMaxValueBytes)
        {
            throw new FaasException(FaasError.TooLarge, $"The value is {size} bytes; a KV value may hold at most {_options.KvMaxValueBytes} bytes.");
        }
        using var session = Rent();
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        var used = session.Command("SELECT COALESCE(SUM(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))), 0) FROM kv WHERE app=$app AND key<>$key",
            transaction, ("$app", app), ("$key", key));
        var total = (long)used.ExecuteScalar()! + Encoding.UTF8.GetByteCount(key) + size;
        if (total > _options.KvMaxBytesPerApp)
        {
            throw new FaasException(FaasError.TooLarge,
                $"The app's KV store would hold {total} bytes; its quota is {_options.KvMaxBytesPerApp} bytes (Faas:Services:KvMaxBytesPerApp).");
        }
        session.Command("INSERT INTO kv(app, key, value) VALUES($app, $key, $value) ON CONFLICT(app, key) DO UPDATE SET value=excluded.value",
            transaction, ("$app", app), ("$key", key), ("$value", value)).ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>True when the key was there.</summary>
    public bool Delete(string app, string key)
    {
        CheckKey(key);
        using var session = Rent();
        return session.Command("DELETE FROM kv WHERE app=$app AND key=$key", null, ("$app", app), ("$key", key)).ExecuteNonQuery() > 0;
    }

    /// <summary>The app's keys starting with <paramref name="prefix"/>, in order, one page of them, and how many there are.</summary>
    public (IReadOnlyList<string> Keys, int Total) List(string app, string prefix, int limit, int offset)
    {
        using var connection = Open();
        // Ordinal prefix match: substr, not LIKE (which treats % and _ as wildcards and ignores case).
        const string Where = "WHERE app=$app AND substr(key, 1, length($prefix)) = $prefix";
        using var count = Command(connection, $"SELECT COUNT(*) FROM kv {Where}", ("$app", app), ("$prefix", prefix));
        var total = (int)(long)count.ExecuteScalar()!;
        using var command = Command(connection, $"SELECT key FROM kv {Where} ORDER BY key LIMIT $limit OFFSET $offset",
            ("$app", app), ("$prefix", prefix), ("$limit", limit), ("$offset", offset));
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return (keys, total);
    }

    /// <summary>Removes every key of <paramref name="app"/> (the app was deleted).</summary>
    public void DeleteApp(string app)
    {
        using var connection = Open();
        using var command = Command(connection, "DELETE FROM kv WHERE app=$app", ("$app", app));
        command.ExecuteNonQuery();
    }

    private void CheckKey(string key)
    {
        var size = Encoding.UTF8.GetByteCount(key);
        if (size == 0 || size > _options.KvMaxKeyBytes)
        {
            throw new FaasException(FaasError.BadRequest, $"A KV key must be 1 to {_options.KvMaxKeyBytes} bytes long (this one is {size}).");
        }
        if (key.Contains('\0'))
        {
            throw new FaasException(FaasError.BadRequest, "A KV key cannot contain a NUL character.");
        }
    }

    private SqliteConnection Open()
    {
        _ = _created.Value;
        return _database.Open();
    }

    private ServiceSession Rent()
    {
        _ = _created.Value;
        return _database.Rent();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        ServiceDatabase.Command(connection, sql, parameters);
}
