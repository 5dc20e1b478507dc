using System.Text.Json;
using AiVideo.Memory.Performance;
using AiVideo.Testing;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>
/// An output folder written by an older version — performance ledger and SQLite vector memory inside the run store's
/// aivideo.db, outbox in outbox.db — is moved into publish.db when the Publish server starts, once.
/// </summary>
public class LegacyTableMigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-publish-migration");

    private string Workspace => _dir.Combine("ws");
    private string Out => _dir.Combine("out");
    private string RunStore => Path.Combine(Out, "aivideo.db");

    [Fact]
    public async Task Start_LegacyTablesInRunStoreAndOutbox_MovedIntoPublishDbOnceAndRunTablesKept()
    {
        Directory.CreateDirectory(Workspace);
        await SeedLegacyAsync();
        Assert.Contains("performance_videos", Tables(RunStore));
        Assert.Contains(Tables(RunStore), t => t.StartsWith("vec_", StringComparison.Ordinal));

        for (var start = 1; start <= 2; start++)
        {
            await using var client = await McpServerProcess.StartAsync("aivideo-mcp-publish", Workspace, new Dictionary<string, string?> { ["AIVIDEO_OUT"] = Out });

            var video = Assert.Single(Structured(await client.CallToolAsync("list_performance", new Dictionary<string, object?> { ["channelId"] = "space-facts" }))
                .ListItems());
            Assert.Equal("tiktok:legacy-1", video.GetProperty("key").GetString());
            Assert.Equal(4200, video.GetProperty("latest").GetProperty("views").GetInt64());
            var found = Structured(await client.CallToolAsync("find_publication", new Dictionary<string, object?> { ["idempotencyKey"] = "legacy-key" }));
            Assert.True(found.GetProperty("found").GetBoolean());
            var recalled = Structured(await client.CallToolAsync("recall_performance", new Dictionary<string, object?> { ["channelId"] = "space-facts", ["topic"] = "moon drift" }));
            Assert.Equal("tiktok:legacy-1", recalled.GetProperty("videos")[0].GetProperty("key").GetString());
        }

        // The run store keeps only its own tables; the outbox file is gone; publish.db holds each row once.
        Assert.Equal(["runs"], Tables(RunStore));
        Assert.Equal("run-1", Scalar(RunStore, "SELECT id FROM runs"));
        Assert.False(File.Exists(Path.Combine(Out, "outbox.db")));
        var publishDb = Path.Combine(Out, "publish.db");
        Assert.Equal(1L, Scalar(publishDb, "SELECT COUNT(*) FROM performance_metrics"));
        Assert.Equal(1L, Scalar(publishDb, "SELECT COUNT(*) FROM publications"));
        Assert.Equal(1L, Scalar(publishDb, "SELECT COUNT(*) FROM performance_schema_version"));
        Assert.Contains("vector_collections", Tables(publishDb));
    }

    private async Task SeedLegacyAsync()
    {
        Directory.CreateDirectory(Out);
        Execute(RunStore, "CREATE TABLE runs (id TEXT PRIMARY KEY); INSERT INTO runs VALUES ('run-1');");
        // What the earlier CLI and server wrote into aivideo.db: the ledger and the SQLite vector collection.
        var memory = new PerformanceMemoryFactory(new MemoryOptions(), TimeProvider.System).Open(RunStore);
        await memory.Ledger.RecordAsync(
            new MetricsObservation { Platform = "tiktok", ExternalId = "legacy-1", ObservedAt = DateTimeOffset.Parse("2026-11-02T12:00:00Z"), Views = 4200, AverageViewPercent = 50 },
            new PublishedVideo
            {
                ChannelId = "space-facts", Platform = "tiktok", ExternalId = "legacy-1", Title = "Moon drift", Hook = "Did you know the Moon drifts?",
                Topic = "moon drift", HookStyle = HookStyles.Question, PostedAt = DateTimeOffset.Parse("2026-11-01T18:00:00Z"),
            }, "test", CancellationToken.None);
        Assert.Equal(1, await memory.SyncAsync("space-facts", CancellationToken.None));
        // The earlier outbox file, in its own schema.
        Execute(Path.Combine(Out, "outbox.db"), """
            CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
            CREATE TABLE publications (idempotency_key TEXT PRIMARY KEY, platform TEXT NOT NULL, channel_id TEXT NOT NULL, external_id TEXT NOT NULL,
                location TEXT NOT NULL, status TEXT NOT NULL, video_sha256 TEXT NOT NULL, published_at TEXT NOT NULL);
            CREATE INDEX ix_publications_platform ON publications (platform, channel_id);
            INSERT INTO publications VALUES ('legacy-key', 'tiktok', 'space-facts', 'legacy-1', '/out/published/tiktok/x', 'published', 'abc', '2026-11-01T18:00:00.0000000+00:00');
            """);
        SqliteConnection.ClearAllPools();
    }

    private static List<string> Tables(string db)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static object? Scalar(string db, string sql)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string db, string sql)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public void Dispose() => _dir.Dispose();
}
