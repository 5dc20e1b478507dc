using System.Net;
using System.Text.Json;
using AiVideo.Testing;
using static AiVideo.Testing.McpHttpRequests;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>A Publish server and a local identity provider; the server's only OAuth settings are the issuer's URL, the audience and the resource.</summary>
public sealed class PublishOAuthServer : IAsyncLifetime
{
    public const string Audience = "https://publish.aivideo.test/mcp";
    private readonly TempDirectory _dir = new("aivideo-publish-oauth");

    public LocalIdentityProvider Issuer { get; } = new();

    public McpHttpServerProcess Server { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync() =>
        Server = await McpHttpServerProcess.StartAsync("aivideo-mcp-publish", _dir.Path,
            ["--oauth-authority", Issuer.Issuer, "--oauth-audience", Audience, "--oauth-resource", Audience],
            new Dictionary<string, string?> { ["AIVIDEO_OUT"] = _dir.Combine("out") });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Issuer.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>OAuth 2.1 resource-server mode over real HTTP: JWTs validated against the issuer's JWKS and the audience; RFC 9728 metadata.</summary>
public class PublishOAuthTests(PublishOAuthServer oauth) : IClassFixture<PublishOAuthServer>
{
    [Fact]
    public async Task ToolsList_TokenForTheAudience_Is200()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint).WithBearer(oauth.Issuer.IssueToken(PublishOAuthServer.Audience)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("publish_video", (await ReadResultAsync(response)).GetRawText(), StringComparison.Ordinal);
        Assert.True(oauth.Issuer.JwksRequests > 0, "the signing key must come from the issuer's JWKS");
    }

    [Fact]
    public async Task ToolsList_TokenForAnotherAudience_Is401()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint).WithBearer(oauth.Issuer.IssueToken("https://render.aivideo.test/mcp")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ToolsList_TokenSignedByAKeyTheIssuerNeverPublished_Is401()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint).WithBearer(oauth.Issuer.IssueTokenSignedByUnknownKey(PublishOAuthServer.Audience)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ToolsList_ExpiredToken_Is401()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint).WithBearer(oauth.Issuer.IssueToken(PublishOAuthServer.Audience, lifetime: TimeSpan.FromMinutes(-10))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ToolsList_NoToken_Is401PointingAtResourceMetadata_WhichNamesResourceAndAuthorizationServer()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var metadataUrl = ResourceMetadataParameter(challenge.Parameter);
        Assert.Contains("/.well-known/oauth-protected-resource", metadataUrl, StringComparison.Ordinal);

        using var metadata = JsonDocument.Parse(await oauth.Http.GetStringAsync(metadataUrl));
        Assert.Equal(PublishOAuthServer.Audience, metadata.RootElement.GetProperty("resource").GetString());
        Assert.Equal([oauth.Issuer.Issuer], metadata.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ToolsList_ValidTokenFromForeignOrigin_Is403()
    {
        using var response = await oauth.Http.SendAsync(ToolsList(oauth.Server.Endpoint)
            .WithBearer(oauth.Issuer.IssueToken(PublishOAuthServer.Audience)).WithOrigin("http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string ResourceMetadataParameter(string? parameters)
    {
        const string name = "resource_metadata=\"";
        var text = parameters ?? "";
        var start = text.IndexOf(name, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no resource_metadata in WWW-Authenticate: {text}");
        start += name.Length;
        return text[start..text.IndexOf('"', start)];
    }
}
