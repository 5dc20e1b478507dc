using System.Globalization;
using AiVideo.McpServers.Hosting.Http;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// The server's own flags, parsed by <see cref="ServerCommand"/> (System.CommandLine) and given their meaning here. Unknown flags are an error, not
/// silently ignored. Every HTTP setting can also come from an AIVIDEO_MCP_* environment variable; a flag wins.
/// </summary>
public sealed record ServerCommandLine(bool Http, McpHttpOptions HttpOptions, string? Error)
{
    public const string DefaultUrls = McpHttpOptions.DefaultUrls;

    public string Urls => HttpOptions.Urls;

    public string? Token => HttpOptions.Token;

    public static ServerCommandLine Parse(string[] args, string program = "server") => Parse(args, Environment.GetEnvironmentVariable, program);

    /// <summary>The flags (parsed by <see cref="ServerCommand"/>), with AIVIDEO_MCP_* from <paramref name="environment"/> where a flag is not given.</summary>
    public static ServerCommandLine Parse(string[] args, Func<string, string?> environment, string program = "server")
    {
        var (flags, error) = ServerCommand.Parse(args, program);
        if (flags is null) return new(false, new McpHttpOptions { Urls = DefaultUrls }, error);
        var http = flags.Http;
        var urls = flags.Urls ?? NonEmpty(environment("AIVIDEO_MCP_URLS")) ?? DefaultUrls;
        var token = NonEmpty(flags.Token) ?? NonEmpty(environment("AIVIDEO_MCP_TOKEN"));
        var origins = flags.AllowedOrigins ?? NonEmpty(environment("AIVIDEO_MCP_ALLOWED_ORIGINS"));
        var hosts = flags.AllowedHosts ?? NonEmpty(environment("AIVIDEO_MCP_ALLOWED_HOSTS"));
        var maxBody = flags.MaxBodyBytes ?? NonEmpty(environment("AIVIDEO_MCP_MAX_BODY_BYTES"));
        var authority = flags.OAuthAuthority ?? NonEmpty(environment("AIVIDEO_MCP_OAUTH_AUTHORITY"));
        var audience = flags.OAuthAudience ?? NonEmpty(environment("AIVIDEO_MCP_OAUTH_AUDIENCE"));
        var resource = flags.OAuthResource ?? NonEmpty(environment("AIVIDEO_MCP_OAUTH_RESOURCE"));

        var options = new McpHttpOptions { Urls = urls, Token = token, AllowedOrigins = List(origins), AllowedHosts = List(hosts) };
        if (maxBody is not null)
        {
            if (!long.TryParse(maxBody, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                return Failed($"--max-body-bytes: '{maxBody}' is not a whole number of bytes");
            }
            options = options with { MaxBodyBytes = bytes };
        }
        if (authority is not null || audience is not null || resource is not null)
        {
            if (authority is null || !Uri.TryCreate(authority, UriKind.Absolute, out var authorityUri))
            {
                return Failed(authority is null
                    ? "--oauth-audience/--oauth-resource need --oauth-authority (the authorization server's URL)"
                    : $"--oauth-authority: '{authority}' is not an absolute URL");
            }
            Uri? resourceUri = null;
            if (resource is not null && !Uri.TryCreate(resource, UriKind.Absolute, out resourceUri))
            {
                return Failed($"--oauth-resource: '{resource}' is not an absolute URL");
            }
            options = options with { OAuth = new OAuthResourceServerOptions(authorityUri, audience ?? "", resourceUri) };
        }

        // The HTTP settings only matter (and are only checked) when the server speaks HTTP.
        return new(http, options, http ? options.Validate() : null);

        ServerCommandLine Failed(string error) => new(http, new McpHttpOptions { Urls = urls, Token = token }, error);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IReadOnlyList<string>? List(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
