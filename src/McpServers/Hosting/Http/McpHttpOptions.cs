using System.Net;

namespace AiVideo.McpServers.Hosting.Http;

/// <summary>
/// Who may talk to a server's Streamable HTTP transport and how much they may send. Built by
/// <see cref="ServerCommandLine"/> from flags and AIVIDEO_MCP_* environment variables; <see cref="Validate"/>
/// says in one line what is wrong before anything binds.
/// </summary>
public sealed record McpHttpOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5100";
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Kestrel's URL list, ';'-separated, as for ASP.NET's <c>--urls</c>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Origins allowed to call the server; null means the loopback origins at each bound port.</summary>
    public IReadOnlyList<string>? AllowedOrigins { get; init; }

    /// <summary>Host header names accepted; null means the names of the bound addresses (see <see cref="EffectiveAllowedHosts"/>).</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>A static bearer token every request must carry.</summary>
    public string? Token { get; init; }

    /// <summary>OAuth 2.1 resource-server mode: JWT access tokens issued by an authorization server.</summary>
    public OAuthResourceServerOptions? OAuth { get; init; }

    public bool RequiresAuthentication => Token is { Length: > 0 } || OAuth is not null;

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsLoopbackOnly => UrlList.All(u => TryParseBound(u, out var uri) && IsLoopbackHost(uri.Host));

    /// <summary>
    /// The Host names accepted when none are configured: the bound names; for a loopback binding all three loopback
    /// spellings; for a wildcard binding (0.0.0.0, [::], *, +) any host, because such a binding needs a token anyway.
    /// </summary>
    public IReadOnlyList<string> EffectiveAllowedHosts()
    {
        if (AllowedHosts is { Count: > 0 } configured)
        {
            return configured;
        }
        var hosts = new List<string>();
        foreach (var url in UrlList)
        {
            if (!TryParseBound(url, out var uri) || IsWildcardHost(uri.Host))
            {
                return ["*"];
            }
            hosts.AddRange(IsLoopbackHost(uri.Host) ? LoopbackHostNames : [uri.Host]);
        }
        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static IReadOnlyList<string> LoopbackHostNames { get; } = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>A one-line description of the first problem, or null when the options can be used.</summary>
    public string? Validate()
    {
        foreach (var url in UrlList)
        {
            if (!TryParseBound(url, out _))
            {
                return $"--urls: '{url}' is not an http:// or https:// URL";
            }
        }
        if (UrlList.Count == 0)
        {
            return "--urls: no URL given";
        }
        if (MaxBodyBytes <= 0)
        {
            return $"--max-body-bytes: {MaxBodyBytes} is not a positive number of bytes";
        }
        if (AllowedOrigins is not null)
        {
            if (AllowedOrigins.Count == 0)
            {
                return "--allowed-origins: no origin given";
            }
            if (AllowedOrigins.FirstOrDefault(o => !OriginPolicy.TryNormalize(o, out _)) is { } bad)
            {
                return $"--allowed-origins: '{bad}' is not an origin (scheme://host[:port], no path)";
            }
        }
        if (Token is { Length: > 0 } && OAuth is not null)
        {
            return "use either --token (AIVIDEO_MCP_TOKEN) or --oauth-authority, not both";
        }
        if (OAuth?.Validate() is { } oauthError)
        {
            return oauthError;
        }
        if (!RequiresAuthentication && !IsLoopbackOnly)
        {
            return $"binding to {Urls} (not loopback) requires --token (or AIVIDEO_MCP_TOKEN) or --oauth-authority";
        }
        return null;
    }

    /// <summary>Parses one bound URL; Kestrel's wildcard hosts '*' and '+' are read as 0.0.0.0.</summary>
    public static bool TryParseBound(string url, out Uri uri) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out uri!)
        && uri.Scheme is "http" or "https";

    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static bool IsWildcardHost(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}

/// <summary>
/// OAuth 2.1 resource-server mode: access tokens are JWTs signed by <see cref="Authority"/> (keys from its OpenID
/// configuration / JWKS) whose audience must be <see cref="Audience"/>. <see cref="Resource"/> is the resource
/// identifier published in the RFC 9728 protected-resource metadata; null lets the SDK derive it from the request.
/// </summary>
public sealed record OAuthResourceServerOptions(Uri Authority, string Audience, Uri? Resource)
{
    /// <summary>Plain-http authorities are accepted only on loopback (a development identity provider).</summary>
    public bool AllowsHttpMetadata => Authority.Scheme == "http" && McpHttpOptions.IsLoopbackHost(Authority.Host);

    public string? Validate()
    {
        if (!Authority.IsAbsoluteUri || Authority.Scheme is not ("https" or "http"))
        {
            return $"--oauth-authority: '{Authority}' is not an https:// URL";
        }
        if (Authority.Scheme == "http" && !AllowsHttpMetadata)
        {
            return $"--oauth-authority: '{Authority}' must use https (plain http only for a loopback identity provider)";
        }
        if (string.IsNullOrWhiteSpace(Audience))
        {
            return "--oauth-audience: the audience the access tokens must carry is required with --oauth-authority";
        }
        if (Resource is { IsAbsoluteUri: false })
        {
            return $"--oauth-resource: '{Resource}' is not an absolute URL";
        }
        return null;
    }
}
