using System.Globalization;
using AiVideo.Core.Domain;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Publish.Platforms;

/// <summary>
/// Durable intents of posts to real platforms (table <c>platform_posts</c> in the server's publish.db). A post is
/// recorded as <c>pending</c> before a single byte is sent, its handle (status URL, platform id) as soon as the platform
/// hands one out, and <c>live</c> with the receipt once confirmed — so a crash anywhere after the handle is recorded is
/// reconciled by asking the platform, never by posting again. Writes run in BEGIN IMMEDIATE transactions.
/// </summary>
public sealed class PlatformPostLedger
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public PlatformPostLedger(string databasePath, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = false }.ToString();
        _time = time;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS platform_posts (
                idempotency_key TEXT PRIMARY KEY,
                platform        TEXT NOT NULL,
                provider        TEXT NOT NULL,
                channel_id      TEXT NOT NULL,
                video_sha256    TEXT NOT NULL,
                handle          TEXT NULL,
                status_url      TEXT NULL,
                state           TEXT NOT NULL CHECK (state IN ('pending', 'live', 'failed')),
                external_id     TEXT NULL,
                location        TEXT NULL,
                status          TEXT NULL,
                published_at    TEXT NULL,
                failure_reason  TEXT NULL,
                attempts        INTEGER NOT NULL DEFAULT 1,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_platform_posts_state ON platform_posts (state, platform);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the intent to post under <paramref name="key"/> unless one exists. Returns the record as it now stands
    /// and whether this call created (or restarted, after a permanent failure) the attempt.
    /// </summary>
    public (PlatformPost Post, bool Started) Begin(string key, string platform, string provider, string channelId, string videoSha256)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var existing = Find(connection, transaction, key);
        var now = Stamp();
        if (existing is { State: PlatformPostState.Live or PlatformPostState.Pending })
        {
            return (existing, false);
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = existing is null
            ? """
              INSERT INTO platform_posts (idempotency_key, platform, provider, channel_id, video_sha256, state, created_at, updated_at)
              VALUES ($key, $platform, $provider, $channel, $sha, 'pending', $now, $now)
              """
            : """
              UPDATE platform_posts SET platform = $platform, provider = $provider, channel_id = $channel, video_sha256 = $sha,
                  state = 'pending', handle = NULL, status_url = NULL, failure_reason = NULL, attempts = attempts + 1, updated_at = $now
              WHERE idempotency_key = $key
              """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$provider", provider);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$sha", videoSha256);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        var post = Find(connection, transaction, key)!;
        transaction.Commit();
        return (post, true);
    }

    /// <summary>Records the handle the platform handed out (before waiting for anything else).</summary>
    public void RecordHandle(string key, string? handle, string? statusUrl) => Update(key, """
        UPDATE platform_posts SET handle = COALESCE($handle, handle), status_url = COALESCE($url, status_url), updated_at = $now
        WHERE idempotency_key = $key AND state = 'pending'
        """, ("$handle", handle), ("$url", statusUrl));

    /// <summary>Marks the post live with its receipt. A post already live keeps its first receipt.</summary>
    public PublishReceipt MarkLive(PublishReceipt receipt)
    {
        Update(receipt.IdempotencyKey, """
            UPDATE platform_posts SET state = 'live', external_id = $external, handle = COALESCE(handle, $external), location = $location,
                status = $status, published_at = $at, failure_reason = NULL, updated_at = $now
            WHERE idempotency_key = $key AND state <> 'live'
            """, ("$external", receipt.ExternalId), ("$location", receipt.Location), ("$status", receipt.Status),
            ("$at", receipt.PublishedAt.ToString("O", CultureInfo.InvariantCulture)));
        return Find(receipt.IdempotencyKey)?.Receipt ?? receipt;
    }

    /// <summary>Marks a pending post as refused for good, with the platform's reason.</summary>
    public void MarkFailed(string key, string reason) => Update(key, """
        UPDATE platform_posts SET state = 'failed', failure_reason = $reason, updated_at = $now
        WHERE idempotency_key = $key AND state = 'pending'
        """, ("$reason", reason));

    /// <summary>Live posts, newest first (what <c>list_published</c> adds to the outbox's publications).</summary>
    public IReadOnlyList<PublishReceipt> ListLive(string? platform, string? channelId, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT idempotency_key FROM platform_posts
            WHERE state = 'live' AND ($platform IS NULL OR platform = $platform) AND ($channel IS NULL OR channel_id = $channel)
            ORDER BY published_at DESC, idempotency_key LIMIT $limit
            """;
        command.Parameters.AddWithValue("$platform", (object?)platform ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)channelId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var keys = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) keys.Add(reader.GetString(0));
        }
        return keys.Select(k => Find(connection, null, k)?.Receipt).OfType<PublishReceipt>().ToList();
    }

    public PlatformPost? Find(string key)
    {
        using var connection = Open();
        return Find(connection, null, key);
    }

    private void Update(string key, string sql, params (string Name, string? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Stamp());
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static PlatformPost? Find(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT idempotency_key, platform, provider, channel_id, handle, status_url, state, external_id, location, status,
                   published_at, failure_reason, created_at, updated_at
            FROM platform_posts WHERE idempotency_key = $key
            """;
        command.Parameters.AddWithValue("$key", key);
        using var r = command.ExecuteReader();
        if (!r.Read()) return null;
        var state = r.GetString(6) switch
        {
            "live" => PlatformPostState.Live,
            "failed" => PlatformPostState.Failed,
            _ => PlatformPostState.Pending,
        };
        var receipt = state == PlatformPostState.Live
            ? new PublishReceipt(r.GetString(1), r.GetString(0), r.GetString(7), r.IsDBNull(8) ? "" : r.GetString(8), r.IsDBNull(9) ? "published" : r.GetString(9),
                Parse(r.GetString(10)), Duplicate: false)
            : null;
        return new PlatformPost(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), state, receipt, Text(r, 11),
            Parse(r.GetString(12)), Parse(r.GetString(13)));
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private string Stamp() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
