using AiVideo.Testing;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>
/// Two Publish server processes over real HTTP on loopback, sharing one workspace with a small video: one as started
/// with plain <c>--http</c>, one that also requires a static bearer token. Each has its own outbox.
/// </summary>
public sealed class PublishHttpServers : IAsyncLifetime
{
    public const string Token = "publish-http-test-token";
    private readonly TempDirectory _dir = new("aivideo-publish-http");

    public string Workspace => _dir.Combine("ws");

    public string OpenOut => _dir.Combine("out-open");

    public string TokenOut => _dir.Combine("out-token");

    public McpHttpServerProcess Open { get; private set; } = null!;

    public McpHttpServerProcess WithToken { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        await TestVideo.MakeAsync(Path.Combine(Workspace, "videos", "final.mp4"));
        var open = McpHttpServerProcess.StartAsync("aivideo-mcp-publish", Workspace,
            environment: new Dictionary<string, string?> { ["AIVIDEO_OUT"] = OpenOut });
        var withToken = McpHttpServerProcess.StartAsync("aivideo-mcp-publish", Workspace, ["--token", Token],
            new Dictionary<string, string?> { ["AIVIDEO_OUT"] = TokenOut });
        Open = await open;
        WithToken = await withToken;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Open.DisposeAsync();
        await WithToken.DisposeAsync();
        _dir.Dispose();
    }

    public static Dictionary<string, object?> PublishArgs(string idempotencyKey) => new()
    {
        ["videoPath"] = "videos/final.mp4",
        ["platform"] = "tiktok",
        ["title"] = "Moon facts",
        ["caption"] = "The Moon is leaving",
        ["hashtags"] = new[] { "#space" },
        ["channelId"] = "space-facts",
        ["idempotencyKey"] = idempotencyKey,
    };
}
