using System.Text.Json;
using AiVideo.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>The Publish server over stdio through the official C# MCP client.</summary>
public class PublishServerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("aivideo-publish-server");
    private McpClient _client = null!;

    private string Workspace => _dir.Combine("ws");
    private string Out => _dir.Combine("out");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        await TestVideo.MakeAsync(Path.Combine(Workspace, "videos", "final.mp4"));
        _client = await McpServerProcess.StartAsync("aivideo-mcp-publish", Workspace, new Dictionary<string, string?> { ["AIVIDEO_OUT"] = Out });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _dir.Dispose();
    }

    private static Dictionary<string, object?> ValidArgs() => new()
    {
        ["videoPath"] = "videos/final.mp4",
        ["platform"] = "tiktok",
        ["title"] = "Moon facts",
        ["caption"] = "The Moon is leaving",
        ["hashtags"] = new[] { "#space" },
        ["channelId"] = "space-facts",
    };

    [Fact]
    public async Task ListTools_PublishAndPerformanceTools_WithSchemasAndReadOnlyMarks()
    {
        var tools = await _client.ListToolsAsync();
        Assert.Equal(
            ["find_publication", "import_metrics", "list_performance", "list_published", "publish_video", "recall_performance", "record_performance",
             "record_performance_batch", "register_publication"],
            tools.Select(t => t.Name).Order());
        var readOnly = tools.Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true).Select(t => t.Name).Order();
        Assert.Equal(["find_publication", "list_performance", "list_published", "recall_performance"], readOnly);
        var publish = tools.Single(t => t.Name == "publish_video");
        var required = publish.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("videoPath", required);
        Assert.DoesNotContain("idempotencyKey", required);
    }

    [Fact]
    public async Task RecordPerformance_ByIdempotencyKeyOrRegisteringAnUnknownVideo_StoresInThePublishDatabase()
    {
        var published = Structured(await _client.CallToolAsync("publish_video", ValidArgs()));
        var key = published.GetProperty("idempotencyKey").GetString()!;
        var externalId = published.GetProperty("externalId").GetString()!;

        // AiVideo publishes register the video from the host; here nobody did, so the first call must register it.
        var unknown = await _client.CallToolAsync("record_performance", new Dictionary<string, object?> { ["platform"] = "tiktok", ["videoId"] = key, ["views"] = 10 });
        Assert.True(unknown.IsError);
        Assert.Contains("unknown video", string.Join(" ", unknown.Content.OfType<TextContentBlock>().Select(c => c.Text)));

        var registered = Structured(await _client.CallToolAsync("record_performance", new Dictionary<string, object?>
        {
            ["platform"] = "tiktok", ["videoId"] = key, ["views"] = 1200, ["averageViewPercent"] = 55.5, ["likes"] = 40,
            ["observedAt"] = "2026-11-20T12:00:00Z", ["channelId"] = "space-facts", ["title"] = "Moon facts",
            ["hook"] = "Did you know this about the moon?", ["postedAt"] = "2026-11-19T18:00:00Z",
        }));
        Assert.Equal($"tiktok:{externalId}", registered.GetProperty("videoKey").GetString());
        Assert.False(registered.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1200 * 0.555 + 2 * 40, registered.GetProperty("score").GetDouble(), 3);

        var again = Structured(await _client.CallToolAsync("record_performance", new Dictionary<string, object?>
        {
            ["platform"] = "tiktok", ["videoId"] = externalId, ["views"] = 1200, ["averageViewPercent"] = 55.5, ["likes"] = 40, ["observedAt"] = "2026-11-20T12:00:00Z",
        }));
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, again.GetProperty("observations").GetInt32());

        var listed = await _client.CallToolAsync("list_performance", new Dictionary<string, object?> { ["channelId"] = "space-facts", ["platform"] = "tiktok" });
        var video = Assert.Single(Structured(listed).ListItems());
        Assert.Equal(AiVideo.Memory.Performance.HookStyles.Question, video.GetProperty("hookStyle").GetString());
        Assert.Equal(1200, video.GetProperty("latest").GetProperty("views").GetInt64());
        Assert.True(File.Exists(Path.Combine(Out, "publish.db")));
        Assert.False(File.Exists(Path.Combine(Out, "aivideo.db")));
        Assert.False(File.Exists(Path.Combine(Out, "outbox.db")));
    }

    [Fact]
    public async Task PublishVideo_TwiceWithDerivedKey_SecondIsDuplicate_NoNewFiles()
    {
        var first = Structured(await _client.CallToolAsync("publish_video", ValidArgs()));
        var second = Structured(await _client.CallToolAsync("publish_video", ValidArgs()));
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("idempotencyKey").GetString(), second.GetProperty("idempotencyKey").GetString());
        Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", "tiktok")));

        var found = Structured(await _client.CallToolAsync("find_publication", new Dictionary<string, object?> { ["idempotencyKey"] = first.GetProperty("idempotencyKey").GetString() }));
        Assert.True(found.GetProperty("found").GetBoolean());
        var listed = await _client.CallToolAsync("list_published", new Dictionary<string, object?> { ["platform"] = "tiktok" });
        var listedJson = JsonSerializer.SerializeToElement(listed.StructuredContent);
        Assert.Equal(1, (listedJson.ValueKind == JsonValueKind.Array ? listedJson : listedJson.GetProperty("result")).GetArrayLength());
    }

    public static TheoryData<string, object?, string> InvalidArguments => new()
    {
        { "platform", "myspace", "unknown platform 'myspace'" },
        { "videoPath", "../x.mp4", "'..'" },
        { "videoPath", "/etc/passwd", "absolute" },
        { "videoPath", "videos/missing.mp4", "does not exist" },
        { "title", null, "title" },
        { "hashtags", 42, "wrong type" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public async Task PublishVideo_InvalidArgument_ToolErrorAndServerStaysUp(string name, object? value, string expected)
    {
        var args = ValidArgs();
        if (value is null) args.Remove(name); else args[name] = value;
        var result = await _client.CallToolAsync("publish_video", args);
        Assert.True(result.IsError);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        Assert.Contains(expected, text);
        Assert.DoesNotContain("   at ", text);
        Assert.False(Directory.Exists(Path.Combine(Out, "published", "myspace")));

        Assert.NotEmpty(await _client.ListToolsAsync());
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
