using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// The byte count of each key's upload session (table <c>youtube_sessions</c> in publish.db), recorded with the session
/// handle: a status query (<c>Content-Range: bytes */total</c>) from <c>find_publication</c> needs it without the file.
/// </summary>
public sealed class YouTubeSessionSizes
{
    private readonly string _connectionString;

    public YouTubeSessionSizes(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS youtube_sessions (idempotency_key TEXT PRIMARY KEY, total_bytes INTEGER NOT NULL)";
        command.ExecuteNonQuery();
    }

    public void Record(string key, long totalBytes)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO youtube_sessions (idempotency_key, total_bytes) VALUES ($key, $total)
            ON CONFLICT (idempotency_key) DO UPDATE SET total_bytes = $total
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$total", totalBytes);
        command.ExecuteNonQuery();
    }

    public long? Find(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT total_bytes FROM youtube_sessions WHERE idempotency_key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is long total ? total : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
