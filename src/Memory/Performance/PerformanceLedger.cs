using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AiVideo.Memory.Performance;

/// <summary>
/// The record of what each published video said and what it earned: <c>performance_videos</c> (one row per platform
/// post) and <c>performance_metrics</c> (cumulative observations over time). Source of truth for the vector memory,
/// which is an index rebuilt from here. Writes of a batch are one transaction: all or nothing.
/// </summary>
public sealed class PerformanceLedger
{
    private readonly string _connectionString;
    // Set only once the schema exists: concurrent first calls wait for the one creating it instead of querying tables
    // that are not there yet ("no such table: performance_videos" under two runs at once).
    private volatile bool _initialised;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);

    public PerformanceLedger(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, DefaultTimeout = 30, ForeignKeys = true }.ToString();
    }

    public string DatabasePath { get; }

    public static string KeyOf(string platform, string externalId) => platform + ":" + externalId;

    /// <summary>Adds a published video, or refreshes its details (metrics are kept).</summary>
    public async Task RegisterVideoAsync(PublishedVideo video, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await UpsertVideoAsync(connection, transaction, video, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records one observation. The video must be known (or be given, to register it first).</summary>
    public async Task<MetricsRecordOutcome> RecordAsync(MetricsObservation metrics, PublishedVideo? video, string source, CancellationToken cancellationToken)
    {
        var outcomes = await RecordBatchAsync([(metrics, video)], source, cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>Records observations in one transaction: if any is unknown or conflicting, nothing is stored.</summary>
    public async Task<IReadOnlyList<MetricsRecordOutcome>> RecordBatchAsync(
        IReadOnlyList<(MetricsObservation Metrics, PublishedVideo? Video)> rows, string source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<MetricsRecordOutcome>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (metrics, video) = rows[i];
            try
            {
                if (video is not null) await UpsertVideoAsync(connection, transaction, video, cancellationToken).ConfigureAwait(false);
                outcomes.Add(await InsertMetricsAsync(connection, transaction, metrics, source, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (rows.Count > 1 && ex is UnknownVideoException or MetricsConflictException)
            {
                throw new MetricsBatchException(i, ex);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<PublishedVideo?> FindVideoAsync(string platform, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = VideoColumns + " WHERE platform = $p AND external_id = $e";
        command.Parameters.AddWithValue("$p", platform);
        command.Parameters.AddWithValue("$e", externalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadVideo(reader) : null;
    }

    /// <summary>The channel's videos (optionally one platform) with their newest metrics, newest post first.</summary>
    public async Task<IReadOnlyList<VideoPerformance>> ListAsync(string channelId, string? platform, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT v.platform, v.external_id, v.channel_id, v.run_id, v.title, v.hook, v.topic, v.beats, v.hook_style, v.duration_sec, v.posted_at,
                   m.observed_at, m.views, m.watch_time_sec, m.avg_view_pct, m.likes, m.shares, m.comments, m.follows
            FROM performance_videos v
            LEFT JOIN performance_metrics m ON m.platform = v.platform AND m.external_id = v.external_id
                AND m.observed_at = (SELECT MAX(observed_at) FROM performance_metrics x WHERE x.platform = v.platform AND x.external_id = v.external_id)
            WHERE v.channel_id = $c {(platform is null ? "" : "AND v.platform = $p")}
            ORDER BY v.posted_at DESC, v.platform, v.external_id
            """;
        command.Parameters.AddWithValue("$c", channelId);
        if (platform is not null) command.Parameters.AddWithValue("$p", platform);
        var list = new List<VideoPerformance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var video = ReadVideo(reader);
            MetricsObservation? latest = reader.IsDBNull(11) ? null : new MetricsObservation
            {
                Platform = video.Platform,
                ExternalId = video.ExternalId,
                ObservedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                Views = reader.GetInt64(12),
                WatchTimeSec = reader.GetDouble(13),
                AverageViewPercent = reader.GetDouble(14),
                Likes = reader.GetInt64(15),
                Shares = reader.GetInt64(16),
                Comments = reader.GetInt64(17),
                Follows = reader.GetInt64(18),
            };
            list.Add(new VideoPerformance(video, latest));
        }
        return list;
    }

    /// <summary>How many metric observations are stored for a video.</summary>
    public async Task<int> CountObservationsAsync(string platform, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM performance_metrics WHERE platform = $p AND external_id = $e";
        command.Parameters.AddWithValue("$p", platform);
        command.Parameters.AddWithValue("$e", externalId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Fingerprints of what a vector store last indexed, by video key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IndexedAsync(string store, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT video_key, fingerprint FROM performance_index WHERE store = $s";
        command.Parameters.AddWithValue("$s", store);
        var map = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) map[reader.GetString(0)] = reader.GetString(1);
        return map;
    }

    public async Task MarkIndexedAsync(string store, IReadOnlyDictionary<string, string> fingerprints, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO performance_index (store, video_key, fingerprint) VALUES ($s, $k, $f)";
        foreach (var (key, fingerprint) in fingerprints)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$s", store);
            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$f", fingerprint);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string VideoColumns =
        "SELECT platform, external_id, channel_id, run_id, title, hook, topic, beats, hook_style, duration_sec, posted_at FROM performance_videos";

    private static PublishedVideo ReadVideo(SqliteDataReader reader) => new()
    {
        Platform = reader.GetString(0),
        ExternalId = reader.GetString(1),
        ChannelId = reader.GetString(2),
        RunId = reader.IsDBNull(3) ? null : reader.GetString(3),
        Title = reader.GetString(4),
        Hook = reader.GetString(5),
        Topic = reader.GetString(6),
        Beats = JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
        HookStyle = reader.GetString(8),
        DurationSec = reader.GetDouble(9),
        PostedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
    };

    private static async Task UpsertVideoAsync(SqliteConnection connection, SqliteTransaction transaction, PublishedVideo video, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO performance_videos (platform, external_id, channel_id, run_id, title, hook, topic, beats, hook_style, duration_sec, posted_at)
            VALUES ($platform, $external, $channel, $run, $title, $hook, $topic, $beats, $style, $duration, $posted)
            ON CONFLICT (platform, external_id) DO UPDATE SET channel_id = excluded.channel_id, run_id = COALESCE(excluded.run_id, run_id),
                title = excluded.title, hook = excluded.hook, topic = excluded.topic, beats = excluded.beats, hook_style = excluded.hook_style,
                duration_sec = excluded.duration_sec, posted_at = excluded.posted_at
            """;
        command.Parameters.AddWithValue("$platform", video.Platform);
        command.Parameters.AddWithValue("$external", video.ExternalId);
        command.Parameters.AddWithValue("$channel", video.ChannelId);
        command.Parameters.AddWithValue("$run", (object?)video.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$title", video.Title);
        command.Parameters.AddWithValue("$hook", video.Hook);
        command.Parameters.AddWithValue("$topic", video.Topic);
        command.Parameters.AddWithValue("$beats", JsonSerializer.Serialize(video.Beats));
        command.Parameters.AddWithValue("$style", video.HookStyle);
        command.Parameters.AddWithValue("$duration", video.DurationSec);
        command.Parameters.AddWithValue("$posted", video.PostedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<MetricsRecordOutcome> InsertMetricsAsync(SqliteConnection connection, SqliteTransaction transaction, MetricsObservation m, string source, CancellationToken cancellationToken)
    {
        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM performance_videos WHERE platform = $p AND external_id = $e";
            exists.Parameters.AddWithValue("$p", m.Platform);
            exists.Parameters.AddWithValue("$e", m.ExternalId);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null) throw new UnknownVideoException(m.Platform, m.ExternalId);
        }
        await using (var existing = connection.CreateCommand())
        {
            existing.Transaction = transaction;
            existing.CommandText = """
                SELECT views, watch_time_sec, avg_view_pct, likes, shares, comments, follows FROM performance_metrics
                WHERE platform = $p AND external_id = $e AND observed_at = $t
                """;
            existing.Parameters.AddWithValue("$p", m.Platform);
            existing.Parameters.AddWithValue("$e", m.ExternalId);
            existing.Parameters.AddWithValue("$t", m.ObservedAt.ToUnixTimeMilliseconds());
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var same = reader.GetInt64(0) == m.Views && Math.Abs(reader.GetDouble(1) - m.WatchTimeSec) < 1e-6
                    && Math.Abs(reader.GetDouble(2) - m.AverageViewPercent) < 1e-6 && reader.GetInt64(3) == m.Likes
                    && reader.GetInt64(4) == m.Shares && reader.GetInt64(5) == m.Comments && reader.GetInt64(6) == m.Follows;
                return same
                    ? MetricsRecordOutcome.Duplicate
                    : throw new MetricsConflictException($"{m.Platform}/{m.ExternalId} already has different metrics recorded at {m.ObservedAt:O}");
            }
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO performance_metrics (platform, external_id, observed_at, views, watch_time_sec, avg_view_pct, likes, shares, comments, follows, source)
            VALUES ($p, $e, $t, $views, $watch, $pct, $likes, $shares, $comments, $follows, $source)
            """;
        insert.Parameters.AddWithValue("$p", m.Platform);
        insert.Parameters.AddWithValue("$e", m.ExternalId);
        insert.Parameters.AddWithValue("$t", m.ObservedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$views", m.Views);
        insert.Parameters.AddWithValue("$watch", m.WatchTimeSec);
        insert.Parameters.AddWithValue("$pct", m.AverageViewPercent);
        insert.Parameters.AddWithValue("$likes", m.Likes);
        insert.Parameters.AddWithValue("$shares", m.Shares);
        insert.Parameters.AddWithValue("$comments", m.Comments);
        insert.Parameters.AddWithValue("$follows", m.Follows);
        insert.Parameters.AddWithValue("$source", source);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return MetricsRecordOutcome.Recorded;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_initialised)
        {
            await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_initialised)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = PerformanceSchema.Create;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    _initialised = true;
                }
            }
            finally
            {
                _schemaLock.Release();
            }
        }
        return connection;
    }
}
