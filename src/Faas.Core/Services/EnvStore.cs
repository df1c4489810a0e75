using Microsoft.Data.Sqlite;

namespace Faas.Core.Services;

/// <summary>
/// Each app's environment as changed after its deploy (the API's <c>PUT env</c>, a function's
/// <c>env.set</c>), in <c>faas.db</c>: table <c>env</c> holds the variables and <c>env_apps</c> the apps
/// whose env is kept here (an app without a row uses its active version's deploy env).
/// </summary>
public sealed class EnvStore
{
    private readonly ServiceDatabase _database;
    private readonly Lazy<bool> _created;

    public EnvStore(Storage.DataLayout layout)
    {
        _database = new ServiceDatabase(layout);
        _created = new Lazy<bool>(() =>
        {
            _database.Create("""
                CREATE TABLE IF NOT EXISTS env(app TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(app, name)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS env_apps(app TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
                """);
            return true;
        });
    }

    /// <summary>The app's env kept here, or null when it has none (its deploy env applies).</summary>
    public IReadOnlyDictionary<string, string>? TryGet(string app)
    {
        using var connection = Open();
        using (var known = ServiceDatabase.Command(connection, "SELECT 1 FROM env_apps WHERE app=$app", ("$app", app)))
        {
            if (known.ExecuteScalar() is null)
            {
                return null;
            }
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = ServiceDatabase.Command(connection, "SELECT name, value FROM env WHERE app=$app ORDER BY name", ("$app", app));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            env[reader.GetString(0)] = reader.GetString(1);
        }
        return env;
    }

    /// <summary>Makes <paramref name="env"/> the app's whole env.</summary>
    public void Replace(string app, IReadOnlyDictionary<string, string> env)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        Run(connection, transaction, "DELETE FROM env WHERE app=$app", ("$app", app));
        Run(connection, transaction, "INSERT OR IGNORE INTO env_apps(app) VALUES($app)", ("$app", app));
        foreach (var (name, value) in env)
        {
            Run(connection, transaction, "INSERT INTO env(app, name, value) VALUES($app, $name, $value)", ("$app", app), ("$name", name), ("$value", value));
        }
        transaction.Commit();
    }

    /// <summary>Removes the app's env (the app was deleted).</summary>
    public void DeleteApp(string app)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        Run(connection, transaction, "DELETE FROM env WHERE app=$app", ("$app", app));
        Run(connection, transaction, "DELETE FROM env_apps WHERE app=$app", ("$app", app));
        transaction.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = ServiceDatabase.Command(connection, sql, parameters);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        _ = _created.Value;
        return _database.Open();
    }
}
