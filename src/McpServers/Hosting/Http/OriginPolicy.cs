using Microsoft.Extensions.Primitives;

namespace AiVideo.McpServers.Hosting.Http;

/// <summary>
/// Which browser origins may call the server (the MCP Streamable HTTP transport requires the server to check
/// <c>Origin</c>, against DNS rebinding). A request without <c>Origin</c> is not from a browser page and is allowed;
/// an <c>Origin</c> outside the list, "null", or several values are refused. Origins compare as scheme, host and
/// port (default ports filled in, case-insensitive).
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    private OriginPolicy(IEnumerable<string> normalizedOrigins) =>
        _allowed = new HashSet<string>(normalizedOrigins, StringComparer.Ordinal);

    public IReadOnlyCollection<string> AllowedOrigins => _allowed;

    /// <summary>Exactly the given origins; throws <see cref="ArgumentException"/> for one that is not an origin.</summary>
    public static OriginPolicy Of(IEnumerable<string> origins) => new(origins.Select(o =>
        TryNormalize(o, out var normalized) ? normalized : throw new ArgumentException($"'{o}' is not an origin (scheme://host[:port])", nameof(origins))));

    /// <summary>
    /// The loopback origins (127.0.0.1, localhost, [::1]) at the port of each bound URL, plus the bound host itself
    /// when it is a specific non-loopback name.
    /// </summary>
    public static OriginPolicy ForBoundUrls(IEnumerable<string> boundUrls)
    {
        var origins = new List<string>();
        foreach (var url in boundUrls)
        {
            if (!McpHttpOptions.TryParseBound(url, out var uri))
            {
                continue;
            }
            origins.AddRange(McpHttpOptions.LoopbackHostNames.Select(host => $"{uri.Scheme}://{host}:{uri.Port}"));
            if (!McpHttpOptions.IsLoopbackHost(uri.Host) && !McpHttpOptions.IsWildcardHost(uri.Host))
            {
                origins.Add($"{uri.Scheme}://{uri.Host}:{uri.Port}");
            }
        }
        return Of(origins);
    }

    /// <summary>True when a request with these <c>Origin</c> header values may proceed.</summary>
    public bool Allows(StringValues originHeader) => originHeader.Count switch
    {
        0 => true,
        1 => string.IsNullOrEmpty(originHeader[0]) || (TryNormalize(originHeader[0]!, out var origin) && _allowed.Contains(origin)),
        _ => false,
    };

    /// <summary>Reads "scheme://host[:port]" (an optional trailing '/' accepted) as "scheme://host:port" in lower case.</summary>
    public static bool TryNormalize(string origin, out string normalized)
    {
        normalized = "";
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }
        normalized = $"{uri.Scheme}://{uri.Host}:{uri.Port}".ToLowerInvariant();
        return true;
    }
}
