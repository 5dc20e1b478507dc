using System.Net;
using AiVideo.Testing;
using static AiVideo.Testing.McpHttpRequests;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>Two Render server processes over real HTTP sharing one workspace: plain <c>--http</c>, and one requiring a token.</summary>
public sealed class RenderHttpServers : IAsyncLifetime
{
    public const string Token = "render-http-test-token";

    public TempDirectory Workspace { get; } = new("aivideo-render-http");

    public McpHttpServerProcess Open { get; private set; } = null!;

    public McpHttpServerProcess WithToken { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var open = McpHttpServerProcess.StartAsync("aivideo-mcp-render", Workspace.Path);
        var withToken = McpHttpServerProcess.StartAsync("aivideo-mcp-render", Workspace.Path, ["--token", Token]);
        Open = await open;
        WithToken = await withToken;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Open.DisposeAsync();
        await WithToken.DisposeAsync();
        Workspace.Dispose();
    }

    public static Dictionary<string, object?> Shot(string outputPath) => new()
    {
        ["prompt"] = "a lighthouse at dusk",
        ["channelSeed"] = 3,
        ["durationSec"] = 0.5,
        ["width"] = 64,
        ["height"] = 112,
        ["fps"] = 10,
        ["outputPath"] = outputPath,
    };
}

/// <summary>
/// The Render server over real HTTP: a web page (foreign Origin), a rebound DNS name (foreign Host), a caller without
/// the token and an oversized body are refused before MCP runs, so no clip is rendered; loopback callers get through.
/// </summary>
public class RenderHttpSecurityTests(RenderHttpServers servers) : IClassFixture<RenderHttpServers>
{
    private McpHttpServerProcess Open => servers.Open;

    private McpHttpServerProcess WithToken => servers.WithToken;

    [Fact]
    public async Task RenderShot_ForeignOrigin_Is403AndNoClipIsWritten()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(Open.Endpoint, "render_shot", RenderHttpServers.Shot("shots/from-evil-page.mp4")).WithOrigin("http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("shots", "from-evil-page.mp4")));
    }

    [Fact]
    public async Task RenderShot_LoopbackOrigin_Is200AndWritesTheClip()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(Open.Endpoint, "render_shot", RenderHttpServers.Shot("shots/from-local-page.mp4")).WithOrigin($"http://localhost:{Open.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ReadResultAsync(response);
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
        Assert.True(File.Exists(servers.Workspace.Combine("shots", "from-local-page.mp4")));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1:1")]
    public async Task Initialize_OriginNotAllowed_Is403(string origin)
    {
        using var response = await servers.Http.SendAsync(Initialize(Open.Endpoint).WithOrigin(origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task ToolsList_NoOriginOrLoopbackOrigin_Is200(string? originHost)
    {
        var request = ToolsList(Open.Endpoint);
        using var response = await servers.Http.SendAsync(originHost is null ? request : request.WithOrigin($"http://{originHost}:{Open.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("render_shot", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsList_ForeignHostHeader_Is400()
    {
        using var response = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithHost($"evil.example:{Open.Port}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Request_BodyOverFourMebibytes_Is413()
    {
        using var response = await servers.Http.SendAsync(OversizedToolsList(Open.Endpoint));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task RenderShot_WithoutToken_Is401AndNoClipIsWritten()
    {
        using var response = await servers.Http.SendAsync(CallTool(WithToken.Endpoint, "render_shot", RenderHttpServers.Shot("shots/no-token.mp4")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("shots", "no-token.mp4")));
    }

    [Fact]
    public async Task RenderShot_WrongToken_Is401AndNoClipIsWritten()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(WithToken.Endpoint, "render_shot", RenderHttpServers.Shot("shots/wrong-token.mp4")).WithBearer("render-http-test-tokem"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("shots", "wrong-token.mp4")));
    }

    [Fact]
    public async Task ToolsList_RightToken_Is200()
    {
        using var response = await servers.Http.SendAsync(ToolsList(WithToken.Endpoint).WithBearer(RenderHttpServers.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("render_shot", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
    }
}
