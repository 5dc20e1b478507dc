using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Hosting.Http;

public sealed class StaticBearerTokenOptions : AuthenticationSchemeOptions
{
    public StaticBearerToken? Token { get; set; }
}

/// <summary>
/// Authenticates "Authorization: Bearer &lt;token&gt;" against the server's <see cref="StaticBearerToken"/>, so the
/// static token and OAuth mode both end in the same <c>RequireAuthorization</c> on the MCP endpoint.
/// </summary>
public sealed class StaticBearerTokenHandler(IOptionsMonitor<StaticBearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<StaticBearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "StaticBearerToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.Token is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("no static bearer token is configured"));
        }
        if (!StaticBearerToken.TryReadBearerCredential(Request.Headers.Authorization.ToString(), out var credential))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!Options.Token.Matches(credential))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not the server's token"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "static-token")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
