using System.Globalization;
using AiVideo.McpServers.Hosting.Http;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// The server's own flags (all of the servers' argument parsing lives here). Unknown flags are an error, not
/// silently ignored. Every HTTP setting can also come from an AIVIDEO_MCP_* environment variable; a flag wins.
/// </summary>
public sealed record ServerCommandLine(bool Http, McpHttpOptions HttpOptions, string? Error)
{
    public const string DefaultUrls = McpHttpOptions.DefaultUrls;

    public const string Usage =
        "[--stdio | --http] [--urls http://127.0.0.1:5100] [--token TOKEN] [--allowed-origins ORIGIN,…] [--allowed-hosts HOST,…] "
        + "[--max-body-bytes N] [--oauth-authority URL --oauth-audience AUD [--oauth-resource URL]]";

    public string Urls => HttpOptions.Urls;

    public string? Token => HttpOptions.Token;

    public static ServerCommandLine Parse(string[] args) => Parse(args, Environment.GetEnvironmentVariable);

    public static ServerCommandLine Parse(string[] args, Func<string, string?> environment)
    {
        var http = false;
        var urls = NonEmpty(environment("AIVIDEO_MCP_URLS")) ?? DefaultUrls;
        var token = NonEmpty(environment("AIVIDEO_MCP_TOKEN"));
        var origins = NonEmpty(environment("AIVIDEO_MCP_ALLOWED_ORIGINS"));
        var hosts = NonEmpty(environment("AIVIDEO_MCP_ALLOWED_HOSTS"));
        var maxBody = NonEmpty(environment("AIVIDEO_MCP_MAX_BODY_BYTES"));
        var authority = NonEmpty(environment("AIVIDEO_MCP_OAUTH_AUTHORITY"));
        var audience = NonEmpty(environment("AIVIDEO_MCP_OAUTH_AUDIENCE"));
        var resource = NonEmpty(environment("AIVIDEO_MCP_OAUTH_RESOURCE"));

        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (flag is "--stdio") { http = false; continue; }
            if (flag is "--http") { http = true; continue; }
            if (flag is not ("--urls" or "--token" or "--allowed-origins" or "--allowed-hosts" or "--max-body-bytes"
                or "--oauth-authority" or "--oauth-audience" or "--oauth-resource"))
            {
                return Failed($"unknown argument '{flag}'");
            }
            if (i + 1 >= args.Length)
            {
                return Failed($"{flag} needs a value");
            }
            var value = args[++i];
            switch (flag)
            {
                case "--urls": urls = value; http = true; break;
                case "--token": token = NonEmpty(value); break;
                case "--allowed-origins": origins = value; break;
                case "--allowed-hosts": hosts = value; break;
                case "--max-body-bytes": maxBody = value; break;
                case "--oauth-authority": authority = value; break;
                case "--oauth-audience": audience = value; break;
                case "--oauth-resource": resource = value; break;
            }
        }

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
