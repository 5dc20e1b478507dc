using System.Text.Json;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>The Publish server, configured through its environment to send the webhook platform to a (fake) n8n.</summary>
public class PublishWebhookServerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("aivideo-publish-webhook-server");
    private readonly CannedHttpServer _n8n = new(200, """{"id":"n8n-42","url":"https://social.example.test/p/42","status":"published"}""");
    private McpClient _client = null!;

    private string Workspace => _dir.Combine("ws");
    private string Out => _dir.Combine("out");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        await TestVideo.MakeAsync(Path.Combine(Workspace, "videos", "final.mp4"));
        // A previous server process was killed while polling: the intent is pending with the receiver's status URL.
        var ledger = WebhookTestKit.Ledger(Out);
        ledger.Begin("crashed-key", "webhook", WebhookPublisher.ProviderName, "space-facts", "sha");
        ledger.RecordHandle("crashed-key", null, $"{_n8n.BaseUrl}/status/crashed");
        _n8n.Handler = r => r.Path == "/status/crashed"
            ? (200, """{"status":"published","id":"n8n-7","url":"https://social.example.test/p/7"}""")
            : (404, """{"message":"unknown route"}""");
        _client = await McpServerProcess.StartAsync("aivideo-mcp-publish", Workspace, new Dictionary<string, string?>
        {
            ["AIVIDEO_OUT"] = Out,
            ["AIVIDEO__PUBLISH__PLATFORMS__WEBHOOK"] = "webhook",
            ["AIVIDEO__PUBLISH__WEBHOOK__URL"] = _n8n.BaseUrl + WebhookTestKit.HookPath,
            ["AIVIDEO__PUBLISH__WEBHOOK__MODE"] = "multipart",
            ["AIVIDEO_WEBHOOK_SECRET"] = WebhookTestKit.Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _n8n.Dispose();
        _dir.Dispose();
    }

    private static Dictionary<string, object?> Args(string platform, string key) => new()
    {
        ["videoPath"] = "videos/final.mp4", ["platform"] = platform, ["title"] = "Moon facts", ["caption"] = "The Moon is leaving",
        ["hashtags"] = new[] { "#space" }, ["channelId"] = "space-facts", ["idempotencyKey"] = key,
    };

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.False(result.IsError == true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    [Fact]
    public async Task FindPublication_PendingWithStatusUrl_ReconcilesToLive_AndPublishVideoAgainSendsNothing()
    {
        var found = Structured(await _client.CallToolAsync("find_publication", new Dictionary<string, object?> { ["idempotencyKey"] = "crashed-key" }));
        var again = Structured(await _client.CallToolAsync("publish_video", Args("webhook", "crashed-key")));

        Assert.True(found.GetProperty("found").GetBoolean());
        Assert.Equal("n8n-7", found.GetProperty("receipt").GetProperty("externalId").GetString());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal("n8n-7", again.GetProperty("externalId").GetString());
        var only = Assert.Single(_n8n.Requests);
        Assert.Equal(("GET", "/status/crashed"), (only.Method, only.Path));
    }

    [Fact]
    public async Task PublishVideo_WebhookPlatform_PostsSignedToTheReceiver_OtherPlatformsStillUseTheOutbox()
    {
        _n8n.Handler = null;
        var hook = Structured(await _client.CallToolAsync("publish_video", Args("webhook", "fresh-key")));
        var tiktok = Structured(await _client.CallToolAsync("publish_video", Args("tiktok", "tiktok-key")));

        Assert.Equal("n8n-42", hook.GetProperty("externalId").GetString());
        var post = Assert.Single(_n8n.Requests);
        var metadata = WebhookTestKit.MultipartParts(post)["metadata"].Bytes;
        Assert.Equal(WebhookTestKit.ExpectedSignature(post.Headers["X-AiVideo-Timestamp"], metadata), post.Headers["X-AiVideo-Signature"]);
        Assert.StartsWith(Path.Combine(Out, "published", "tiktok"), tiktok.GetProperty("location").GetString());

        var listed = Structured(await _client.CallToolAsync("list_published", new Dictionary<string, object?>()));
        var keys = (listed.ValueKind == JsonValueKind.Array ? listed : listed.GetProperty("result")).EnumerateArray().Select(r => r.GetProperty("idempotencyKey").GetString()).Order();
        Assert.Equal(["fresh-key", "tiktok-key"], keys);
    }

    [Fact]
    public async Task PublishVideo_ReceiverSays401_ToolErrorNamesTheSetting_NotTheSecret()
    {
        _n8n.Handler = r => (401, """{"message":"Authorization data is wrong!"}""");
        var result = await _client.CallToolAsync("publish_video", Args("webhook", "denied-key"));

        Assert.True(result.IsError);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        Assert.Contains("webhook answered 401: check Publish:Webhook:Secret", text);
        Assert.DoesNotContain("transient", text);
        Assert.DoesNotContain(WebhookTestKit.Secret, text);
    }
}
