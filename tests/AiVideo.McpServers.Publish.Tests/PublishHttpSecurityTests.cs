using System.Net;
using AiVideo.Testing;
using static AiVideo.Testing.McpHttpRequests;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>
/// The Publish server over real HTTP: a web page (foreign Origin), a rebound DNS name (foreign Host), a caller
/// without the token and an oversized body are all refused before MCP runs; loopback callers get through.
/// </summary>
public class PublishHttpSecurityTests(PublishHttpServers servers) : IClassFixture<PublishHttpServers>
{
    private McpHttpServerProcess Open => servers.Open;

    private McpHttpServerProcess WithToken => servers.WithToken;

    [Fact]
    public async Task PublishVideo_ForeignOrigin_Is403AndNothingIsPublished()
    {
        using var response = await servers.Http.SendAsync(
            CallTool(Open.Endpoint, "publish_video", PublishHttpServers.PublishArgs("from-evil-page")).WithOrigin("http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await LandedAsync(Open, "from-evil-page"));
    }

    [Fact]
    public async Task PublishVideo_NoOrigin_Is200AndPublishes()
    {
        using var response = await servers.Http.SendAsync(CallTool(Open.Endpoint, "publish_video", PublishHttpServers.PublishArgs("from-cli")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ReadResultAsync(response);
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
        Assert.True(await LandedAsync(Open, "from-cli"));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("http://127.0.0.1:1")]
    public async Task InitializeAndToolsList_OriginNotAllowed_Are403(string origin)
    {
        origin = origin.Replace("{port}", Open.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var initialize = await servers.Http.SendAsync(Initialize(Open.Endpoint).WithOrigin(origin));
        using var list = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithOrigin(origin));

        Assert.Equal(HttpStatusCode.Forbidden, initialize.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task ToolsList_LoopbackOriginAtTheBoundPort_Is200(string host)
    {
        using var response = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithOrigin($"http://{host}:{Open.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("publish_video", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsList_ForeignHostHeader_Is400()
    {
        using var response = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithHost($"evil.example:{Open.Port}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ToolsList_LocalhostHostHeader_Is200()
    {
        using var response = await servers.Http.SendAsync(ToolsList(Open.Endpoint).WithHost($"localhost:{Open.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_BodyOverFourMebibytes_Is413()
    {
        using var response = await servers.Http.SendAsync(OversizedToolsList(Open.Endpoint));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PublishVideo_WithoutToken_Is401WithBearerChallengeAndNothingIsPublished()
    {
        using var response = await servers.Http.SendAsync(CallTool(WithToken.Endpoint, "publish_video", PublishHttpServers.PublishArgs("no-token")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.False(await LandedAsync(WithToken, "no-token", PublishHttpServers.Token));
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("publish-http-test-toke")]
    [InlineData("publish-http-test-token-and-more")]
    public async Task PublishVideo_WrongToken_Is401AndNothingIsPublished(string token)
    {
        using var response = await servers.Http.SendAsync(CallTool(WithToken.Endpoint, "publish_video", PublishHttpServers.PublishArgs("wrong-token")).WithBearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await LandedAsync(WithToken, "wrong-token", PublishHttpServers.Token));
    }

    [Fact]
    public async Task ToolsList_RightToken_Is200()
    {
        using var response = await servers.Http.SendAsync(ToolsList(WithToken.Endpoint).WithBearer(PublishHttpServers.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("publish_video", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsList_RightTokenFromForeignOrigin_Is403()
    {
        using var response = await servers.Http.SendAsync(ToolsList(WithToken.Endpoint).WithBearer(PublishHttpServers.Token).WithOrigin("http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>Asks the server itself (an allowed request) whether a publication with the key landed.</summary>
    private async Task<bool> LandedAsync(McpHttpServerProcess server, string idempotencyKey, string? token = null)
    {
        var request = CallTool(server.Endpoint, "find_publication", new Dictionary<string, object?> { ["idempotencyKey"] = idempotencyKey });
        using var response = await servers.Http.SendAsync(token is null ? request : request.WithBearer(token));
        var result = await ReadResultAsync(response);
        return result.GetProperty("structuredContent").GetProperty("found").GetBoolean();
    }
}
