using Microsoft.Data.Sqlite;

namespace AiVideo.Memory.Sqlite;

/// <summary>The SQLite file vector collections live in (the run store's <c>aivideo.db</c> in the product): WAL, busy timeout, catalog table.</summary>
internal sealed class SqliteVectorDatabase
{
    private readonly string _connectionString;
    private int _initialised;

    public SqliteVectorDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref _initialised, 1, 0) == 0)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteVectorSchema.Catalog;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection;
    }
}
