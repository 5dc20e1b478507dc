using System.Diagnostics;
using System.Text.Json;
using AiVideo.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>The performance memory tools of the Publish server over stdio, on its own publish.db.</summary>
public class PerformanceMemoryToolsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("aivideo-publish-memory");
    private McpClient _client = null!;

    private string Workspace => _dir.Combine("ws");
    private string Out => _dir.Combine("out");

    // Scores (views × avg% / 100): moon 3500 (question), moonquakes 1000 (fast-facts), mars 320 (curiosity), saturn 10 (statement).
    private const string SeedCsv = """
        platform,video_id,observed_at,views,avg_view_pct,channel,title,hook,posted_at,topic,beats
        tiktok,v-moon,2026-11-10T12:00:00Z,5000,70,space-facts,Moon drift,Did you know the Moon is drifting away from Earth?,2026-11-01T18:00:00Z,the moon is drifting away from earth,The Moon moves 3.8 cm a year|Tides push it away
        tiktok,v-quakes,2026-11-10T12:00:00Z,2000,50,space-facts,Moonquakes,3 things about moonquakes in under a minute,2026-11-02T18:00:00Z,moonquakes,The Moon shakes for hours
        tiktok,v-mars,2026-11-10T12:00:00Z,800,40,space-facts,Mars sunsets,Nobody tells you that sunsets on Mars are blue,2026-11-03T18:00:00Z,blue sunsets on mars,Dust scatters red light
        tiktok,v-saturn,2026-11-10T12:00:00Z,100,10,space-facts,Saturn floats,Saturn is lighter than water,2026-11-04T18:00:00Z,saturn would float in water,Its density is below water
        tiktok,v-other,2026-11-10T12:00:00Z,90000,90,other-channel,Moon drift too,Did you know the Moon is drifting away from Earth?,2026-11-01T18:00:00Z,the moon is drifting away from earth,
        """;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        // Memory settings reach the server as AIVIDEO__MEMORY__* variables, as the aivideo CLI passes them.
        _client = await McpServerProcess.StartAsync("aivideo-mcp-publish", Workspace, new Dictionary<string, string?>
        {
            ["AIVIDEO_OUT"] = Out,
            ["AIVIDEO__MEMORY__SIMILAR"] = "1",
            ["AIVIDEO__MEMORY__BESTANDWORST"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task RecallPerformance_SeededChannel_ReturnsSimilarBestWorstAndHookStyles()
    {
        var import = Structured(await _client.CallToolAsync("import_metrics", new Dictionary<string, object?> { ["csv"] = SeedCsv, ["source"] = "test" }));
        Assert.Equal(5, import.GetProperty("imported").GetInt32());
        Assert.Empty(import.GetProperty("errors").EnumerateArray());

        var recalled = Structured(await _client.CallToolAsync("recall_performance", new Dictionary<string, object?>
        {
            ["channelId"] = "space-facts",
            ["topic"] = "Why the Moon is drifting away from Earth",
        }));

        var videos = recalled.GetProperty("videos").EnumerateArray().ToDictionary(v => v.GetProperty("key").GetString()!);
        Assert.Equal(["tiktok:v-moon", "tiktok:v-saturn"], videos.Keys.Order()); // 1 similar + 1 best + 1 worst, other channel never
        var moon = videos["tiktok:v-moon"];
        var reasons = moon.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("similar topic", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("best performer", StringComparison.Ordinal));
        Assert.True(moon.GetProperty("similarity").GetDouble() > 0.3);
        Assert.Equal(5000, moon.GetProperty("views").GetInt64());
        Assert.StartsWith("worst performer", videos["tiktok:v-saturn"].GetProperty("reasons")[0].GetString());
        var styles = recalled.GetProperty("hookStyles").EnumerateArray().Select(s => (s.GetProperty("style").GetString(), s.GetProperty("meanScore").GetDouble())).ToList();
        Assert.Equal([("question", 3500), ("fast-facts", 1000), ("curiosity", 320), ("statement", 10)], styles);
        Assert.Equal(4, recalled.GetProperty("measuredVideos").GetInt32());
    }

    [Fact]
    public async Task RecallPerformance_UnknownChannel_Empty()
    {
        var recalled = Structured(await _client.CallToolAsync("recall_performance", new Dictionary<string, object?> { ["channelId"] = "nobody", ["topic"] = "moon" }));
        Assert.Empty(recalled.GetProperty("videos").EnumerateArray());
        Assert.Empty(recalled.GetProperty("hookStyles").EnumerateArray());
    }

    [Fact]
    public async Task ImportMetrics_BadRow_ListsItAndImportsNothing()
    {
        var csv = "platform,video_id,observed_at,views\ntiktok,v1,2026-11-10T12:00:00Z,5\ntiktok,v1,02/03/2026,5\n";
        var result = Structured(await _client.CallToolAsync("import_metrics", new Dictionary<string, object?> { ["csv"] = csv }));
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        var lines = result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
        Assert.Equal([2, 3], lines); // line 2: unknown video; line 3: not ISO 8601
        var listed = Structured(await _client.CallToolAsync("list_performance", new Dictionary<string, object?> { ["channelId"] = "space-facts" }));
        Assert.Empty(listed.ListItems());
    }

    [Fact]
    public async Task RegisterPublicationThenRecordBatch_AllOrNothing_ConflictRefusesTheWholeBatch()
    {
        var registered = Structured(await _client.CallToolAsync("register_publication", new Dictionary<string, object?>
        {
            ["platform"] = "youtube_shorts", ["videoId"] = "yt-1", ["channelId"] = "space-facts", ["title"] = "Moon drift",
            ["hook"] = "Did you know the Moon is leaving?", ["postedAt"] = "2026-11-01T18:00:00Z", ["beats"] = new[] { "It moves 3.8 cm a year" },
            ["durationSec"] = 31.5, ["runId"] = "run-1",
        }));
        Assert.Equal("youtube_shorts:yt-1", registered.GetProperty("videoKey").GetString());
        Assert.Equal("question", registered.GetProperty("hookStyle").GetString());

        object Observation(long views, string at) => new Dictionary<string, object?> { ["platform"] = "youtube_shorts", ["externalId"] = "yt-1", ["observedAt"] = at, ["views"] = views };
        var first = Structured(await _client.CallToolAsync("record_performance_batch", new Dictionary<string, object?>
        {
            ["observations"] = new[] { Observation(10, "2026-11-02T00:00:00Z"), Observation(20, "2026-11-03T00:00:00Z") }, ["source"] = "pull:youtube_shorts",
        }));
        Assert.Equal(2, first.GetProperty("recorded").GetInt32());

        var conflict = await _client.CallToolAsync("record_performance_batch", new Dictionary<string, object?>
        {
            ["observations"] = new[] { Observation(30, "2026-11-04T00:00:00Z"), Observation(99, "2026-11-03T00:00:00Z") },
        });
        Assert.True(conflict.IsError);
        Assert.Contains("observation 2", string.Join(" ", conflict.Content.OfType<TextContentBlock>().Select(c => c.Text)));

        var video = Assert.Single(Structured(await _client.CallToolAsync("list_performance", new Dictionary<string, object?> { ["channelId"] = "space-facts" }))
            .ListItems());
        Assert.Equal(20, video.GetProperty("latest").GetProperty("views").GetInt64()); // the 2026-11-04 row of the refused batch is not there
        Assert.Equal("run-1", video.GetProperty("runId").GetString());
        Assert.Equal(31.5, video.GetProperty("durationSec").GetDouble());
    }

    [Fact]
    public async Task Start_BadMemorySetting_ExitsWithOneLineNamingIt()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "aivideo-mcp-publish.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardError = true, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.Environment["AIVIDEO_WORKSPACE"] = Workspace;
        start.Environment["AIVIDEO_OUT"] = _dir.Combine("out-bad");
        start.Environment["AIVIDEO__MEMORY__STORE"] = "mongodb";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Memory:Store 'mongodb' is not one of sqlite, pinecone", line);
        Assert.False(File.Exists(_dir.Combine("out-bad", "publish.db")));
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
