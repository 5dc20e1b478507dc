using System.Net;
using AiVideo.Testing;
using static AiVideo.Testing.McpHttpRequests;

namespace AiVideo.McpServers.Voice.Tests;

/// <summary>Two Voice server processes over real HTTP sharing one workspace: plain <c>--http</c>, and one requiring a token.</summary>
public sealed class VoiceHttpServers : IAsyncLifetime
{
    public const string Token = "voice-http-test-token";

    public TempDirectory Workspace { get; } = new("aivideo-voice-http");

    public McpHttpServerProcess Open { get; private set; } = null!;

    public McpHttpServerProcess WithToken { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync()
    {
        var open = McpHttpServerProcess.StartAsync("aivideo-mcp-voice", Workspace.Path);
        var withToken = McpHttpServerProcess.StartAsync("aivideo-mcp-voice", Workspace.Path, ["--token", Token]);
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

    public static Dictionary<string, object?> Speech(string outputPath) => new()
    {
        ["text"] = "Honey never spoils.",
        ["outputPath"] = outputPath,
    };
}

/// <summary>
/// The Voice server over real HTTP: a web page (foreign Origin), a rebound DNS name (foreign Host), a caller without
/// the token and an oversized body are refused before MCP runs, so nothing is spoken; loopback callers get through.
/// </summary>
public class VoiceHttpSecurityTests(VoiceHttpServers servers) : IClassFixture<VoiceHttpServers>
{
    private McpHttpServerProcess Open => servers.Open;

    private McpHttpServerProcess WithToken => servers.WithToken;

    [Fact]
    public async Task SynthesizeSpeech_ForeignOrigin_Is403AndNoAudioIsWritten()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(Open.Endpoint, "synthesize_speech", VoiceHttpServers.Speech("voice/from-evil-page.wav")).WithOrigin("http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("voice", "from-evil-page.wav")));
    }

    [Fact]
    public async Task SynthesizeSpeech_NoOrigin_Is200AndWritesTheAudio()
    {
        using var response = await servers.Http.SendAsync(CallTool(Open.Endpoint, "synthesize_speech", VoiceHttpServers.Speech("voice/from-cli.wav")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ReadResultAsync(response);
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
        Assert.True(File.Exists(servers.Workspace.Combine("voice", "from-cli.wav")));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost:1")]
    public async Task Initialize_OriginNotAllowed_Is403(string origin)
    {
        using var response = await servers.Http.SendAsync(Initialize(Open.Endpoint).WithOrigin(origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task ToolsList_LoopbackOriginAtTheBoundPort_Is200(string host)
    {
        using var response = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithOrigin($"http://{host}:{Open.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("synthesize_speech", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
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
    public async Task SynthesizeSpeech_WithoutToken_Is401AndNoAudioIsWritten()
    {
        using var response = await servers.Http.SendAsync(CallTool(WithToken.Endpoint, "synthesize_speech", VoiceHttpServers.Speech("voice/no-token.wav")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("voice", "no-token.wav")));
    }

    [Fact]
    public async Task SynthesizeSpeech_WrongToken_Is401AndNoAudioIsWritten()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(WithToken.Endpoint, "synthesize_speech", VoiceHttpServers.Speech("voice/wrong-token.wav")).WithBearer("not-the-voice-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(servers.Workspace.Combine("voice", "wrong-token.wav")));
    }

    [Fact]
    public async Task ToolsList_RightToken_Is200()
    {
        using var response = await servers.Http.SendAsync(ToolsList(WithToken.Endpoint).WithBearer(VoiceHttpServers.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("synthesize_speech", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
    }
}
