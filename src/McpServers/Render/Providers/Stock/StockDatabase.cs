using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// The stock sources' own SQLite file (<see cref="StockStorage.DatabasePath"/>): the request log the rate limiter and the
/// usage counts read, and the (run, shot) picks. WAL and a busy timeout, so two server processes (two makes) share it;
/// writers take immediate transactions. Created on first use.
/// </summary>
public sealed class StockDatabase(StockStorage storage)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = storage.DatabasePath, Pooling = false }.ToString();
    private readonly Lock _createLock = new();
    private bool _created;

    public SqliteConnection Open()
    {
        EnsureCreated();
        return Connect();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    private void EnsureCreated()
    {
        lock (_createLock)
        {
            if (_created) return;
            Directory.CreateDirectory(Path.GetDirectoryName(storage.DatabasePath)!);
            using var connection = Connect();
            Execute(connection, null, """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS stock_requests (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    provider TEXT NOT NULL,
                    at_ticks INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS stock_requests_provider ON stock_requests (provider, at_ticks);
                CREATE TABLE IF NOT EXISTS stock_picks (
                    provider TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    shot_id TEXT NOT NULL,
                    request_key TEXT NOT NULL,
                    item_keys TEXT NOT NULL,
                    pick_json TEXT NOT NULL,
                    picked_ticks INTEGER NOT NULL,
                    PRIMARY KEY (provider, run_id, shot_id));
                """);
            _created = true;
        }
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
