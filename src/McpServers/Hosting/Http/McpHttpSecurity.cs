using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;

namespace AiVideo.McpServers.Hosting.Http;

/// <summary>
/// Puts the HTTP transport's guards in front of the MCP endpoint, cheapest first, so a refused request never
/// reaches MCP processing:
/// <list type="number">
/// <item>Host header not one of the bound names → 400 (ASP.NET's host filtering, which WebApplication runs first);</item>
/// <item>Origin header outside the allow-list → 403 (DNS rebinding; the MCP SDK does not check it);</item>
/// <item>body over the limit → 413 (declared Content-Length at once; a chunked body when Kestrel reads past the limit);</item>
/// <item>no or wrong credentials, when a static token or OAuth is configured → 401 with WWW-Authenticate.</item>
/// </list>
/// </summary>
public static class McpHttpSecurity
{
    public static WebApplicationBuilder AddMcpHttpSecurity(this WebApplicationBuilder builder, McpHttpOptions options)
    {
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Services.Configure<HostFilteringOptions>(hosts =>
        {
            hosts.AllowedHosts = [.. options.EffectiveAllowedHosts()];
            hosts.AllowEmptyHosts = false;
        });

        if (options.OAuth is { } oauth)
        {
            AddOAuthResourceServer(builder.Services, oauth);
        }
        else if (options.Token is { Length: > 0 } token)
        {
            builder.Services.AddAuthentication(StaticBearerTokenHandler.SchemeName)
                .AddScheme<StaticBearerTokenOptions, StaticBearerTokenHandler>(StaticBearerTokenHandler.SchemeName, o => o.Token = new StaticBearerToken(token));
        }
        if (options.RequiresAuthentication)
        {
            builder.Services.AddAuthorization();
        }
        return builder;
    }

    /// <summary>Adds the Origin check, the body limit and authentication to the pipeline; call before mapping MCP.</summary>
    public static WebApplication UseMcpHttpSecurity(this WebApplication app, McpHttpOptions options)
    {
        // Without a configured list, the loopback origins at the ports actually bound (known once the server listens,
        // which also makes --urls http://127.0.0.1:0 work).
        var origins = new Lazy<OriginPolicy>(() => options.AllowedOrigins is { } configured
            ? OriginPolicy.Of(configured)
            : OriginPolicy.ForBoundUrls(BoundAddresses(app)));
        app.Use((context, next) => origins.Value.Allows(context.Request.Headers.Origin)
            ? next(context)
            : RejectAsync(context, StatusCodes.Status403Forbidden, "origin not allowed"));

        app.Use((context, next) => context.Request.ContentLength > options.MaxBodyBytes
            ? RejectAsync(context, StatusCodes.Status413PayloadTooLarge, $"request body over {options.MaxBodyBytes} bytes")
            : next(context));

        if (options.RequiresAuthentication)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        return app;
    }

    /// <summary>The addresses the server listens on, e.g. http://127.0.0.1:5100 (an ephemeral port resolved).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    private static void AddOAuthResourceServer(IServiceCollection services, OAuthResourceServerOptions oauth)
    {
        var authority = oauth.Authority.OriginalString;
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                // The SDK's scheme answers challenges with WWW-Authenticate: Bearer resource_metadata="…" (RFC 9728).
                o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(jwt =>
            {
                // Signing keys come from the authority's OpenID configuration (jwks_uri), never from local settings.
                jwt.Authority = authority;
                jwt.Audience = oauth.Audience;
                jwt.RequireHttpsMetadata = !oauth.AllowsHttpMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidateAudience = true;
                jwt.TokenValidationParameters.ValidateIssuer = true;
                jwt.TokenValidationParameters.ValidateLifetime = true;
            })
            .AddMcp(mcp => mcp.ResourceMetadata = new ProtectedResourceMetadata
            {
                Resource = oauth.Resource?.OriginalString,
                AuthorizationServers = [authority],
                BearerMethodsSupported = ["header"],
            });
    }

    /// <summary>Refuses a request with a JSON-RPC error body (no id), as the Streamable HTTP transport allows.</summary>
    private static Task RejectAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = (string?)null, error = new { code = -32000, message = $"{status}: {message}" } });
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
