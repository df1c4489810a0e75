using Microsoft.Data.Sqlite;

namespace Faas.Core.Services;

/// <summary>
/// One open connection to <c>faas.db</c> with its prepared commands (one per SQL text, parameters bound
/// again per use), rented from <see cref="ServiceDatabase.Rent"/> and given back on dispose. Used by one
/// thread at a time.
/// </summary>
internal sealed class ServiceSession(SqliteConnection connection, ServiceDatabase owner) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The prepared command for <paramref name="sql"/> with these parameter values, in <paramref name="transaction"/> (or none).</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = ServiceDatabase.Command(connection, sql, parameters);
            command.Prepare();
            _commands[sql] = command;
        }
        else
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters[name].Value = value;
            }
        }
        command.Transaction = transaction;
        return command;
    }

    public void Dispose() => owner.Return(this);

    /// <summary>Closes the connection for good (the pool is full).</summary>
    public void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        connection.Dispose();
    }
}
