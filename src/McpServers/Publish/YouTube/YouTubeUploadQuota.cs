using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// videos.insert calls per UTC day (table <c>youtube_upload_quota</c> in publish.db), so a day's bucket (100 by default)
/// is refused here, clearly, before YouTube is asked. Every session start counts, whether or not its upload finishes.
/// </summary>
public sealed class YouTubeUploadQuota
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public YouTubeUploadQuota(string databasePath, TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = false }.ToString();
        _time = time;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS youtube_upload_quota (day TEXT PRIMARY KEY, calls INTEGER NOT NULL)";
        command.ExecuteNonQuery();
    }

    public string Today => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public int UsedToday()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT calls FROM youtube_upload_quota WHERE day = $day";
        command.Parameters.AddWithValue("$day", Today);
        return command.ExecuteScalar() is long calls ? (int)calls : 0;
    }

    /// <summary>Counts one call today unless <paramref name="limit"/> calls were already made; false when the day is used up.</summary>
    public bool TryReserve(int limit)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO youtube_upload_quota (day, calls) VALUES ($day, 1)
            ON CONFLICT (day) DO UPDATE SET calls = calls + 1 WHERE calls < $limit
            """;
        command.Parameters.AddWithValue("$day", Today);
        command.Parameters.AddWithValue("$limit", limit);
        var changed = command.ExecuteNonQuery();
        transaction.Commit();
        return changed > 0;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
