using System.Globalization;
using AiVideo.Core.Domain;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Publish.Outbox;

/// <summary>
/// The SQLite record of everything the outbox published, keyed by idempotency key (table <c>publications</c> in the
/// server's publish.db). A write transaction
/// (BEGIN IMMEDIATE) serialises publishers across processes, so one key lands at most once.
/// </summary>
public sealed class OutboxLedger
{
    private const int SchemaVersion = 1;
    private readonly string _connectionString;

    public OutboxLedger(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS outbox_schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS publications (
                idempotency_key TEXT PRIMARY KEY,
                platform        TEXT NOT NULL,
                channel_id      TEXT NOT NULL,
                external_id     TEXT NOT NULL,
                location        TEXT NOT NULL,
                status          TEXT NOT NULL,
                video_sha256    TEXT NOT NULL,
                published_at    TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_publications_platform ON publications (platform, channel_id);
            """);
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM outbox_schema_version";
        if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, $"INSERT INTO outbox_schema_version (version) VALUES ({SchemaVersion})");
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public PublishReceipt? Find(SqliteConnection connection, string key, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT platform, idempotency_key, external_id, location, status, published_at FROM publications WHERE idempotency_key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public void Insert(SqliteConnection connection, SqliteTransaction transaction, PublishReceipt receipt, string channelId, string videoSha256)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO publications (idempotency_key, platform, channel_id, external_id, location, status, video_sha256, published_at)
            VALUES ($key, $platform, $channel, $external, $location, $status, $sha, $at)
            """;
        command.Parameters.AddWithValue("$key", receipt.IdempotencyKey);
        command.Parameters.AddWithValue("$platform", receipt.Platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$external", receipt.ExternalId);
        command.Parameters.AddWithValue("$location", receipt.Location);
        command.Parameters.AddWithValue("$status", receipt.Status);
        command.Parameters.AddWithValue("$sha", videoSha256);
        command.Parameters.AddWithValue("$at", receipt.PublishedAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<PublishReceipt> List(string? platform, string? channelId, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT platform, idempotency_key, external_id, location, status, published_at FROM publications
            WHERE ($platform IS NULL OR platform = $platform) AND ($channel IS NULL OR channel_id = $channel)
            ORDER BY published_at DESC, idempotency_key LIMIT $limit
            """;
        command.Parameters.AddWithValue("$platform", (object?)platform ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)channelId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<PublishReceipt>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    }

    private static PublishReceipt Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), Duplicate: false);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
