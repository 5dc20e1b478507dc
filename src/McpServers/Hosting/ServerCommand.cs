using System.CommandLine;
using AiVideo.Core.CommandLine;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// The MCP servers' own flags as a System.CommandLine command: <c>[--stdio | --http] [--urls URLS] [--token TOKEN]
/// [--allowed-origins …] [--allowed-hosts …] [--max-body-bytes N] [--oauth-authority URL --oauth-audience AUD
/// [--oauth-resource URL]]</c>. It reads the flags as given; <see cref="ServerCommandLine"/> adds the environment
/// fallbacks and checks what they mean. Errors are one line, worded as the <c>aivideo</c> CLI's; <c>--help</c> prints the flags.
/// </summary>
public static class ServerCommand
{
    /// <summary>The flags exactly as given (null: not given).</summary>
    public sealed record Flags(bool Http, string? Urls, string? Token, string? AllowedOrigins, string? AllowedHosts, string? MaxBodyBytes,
        string? OAuthAuthority, string? OAuthAudience, string? OAuthResource);

    private sealed record Symbols(RootCommand Root, Option<bool> Stdio, Option<bool> Http, Option<string?> Urls, Option<string?> Token,
        Option<string?> Origins, Option<string?> Hosts, Option<string?> MaxBody, Option<string?> Authority, Option<string?> Audience, Option<string?> Resource);

    /// <summary>The flags of <paramref name="args"/>, or a one-line error.</summary>
    public static (Flags? Flags, string? Error) Parse(string[] args, string program = "server")
    {
        var s = Create(program);
        var result = CliErrors.Parse(s.Root, args);
        if (CliErrors.OneLine(result, program) is { } error) return (null, error);
        return (new Flags(result.GetValue(s.Http) || result.GetValue(s.Urls) is not null, result.GetValue(s.Urls), result.GetValue(s.Token),
            result.GetValue(s.Origins), result.GetValue(s.Hosts), result.GetValue(s.MaxBody),
            result.GetValue(s.Authority), result.GetValue(s.Audience), result.GetValue(s.Resource)), null);
    }

    /// <summary>When <paramref name="args"/> ask for help (<c>--help</c>, <c>-h</c>, <c>-?</c>), writes it and returns true.</summary>
    public static bool TryWriteHelp(string[] args, string program, TextWriter output)
    {
        var result = CliErrors.Parse(Create(program).Root, args);
        if (result.Action is not System.CommandLine.Help.HelpAction) return false;
        result.Invoke(new InvocationConfiguration { Output = output, Error = output });
        return true;
    }

    private static Symbols Create(string program)
    {
        var stdio = CliOptions.Flag("--stdio", "serve over stdin/stdout (the default; logs go to stderr)");
        var http = CliOptions.Flag("--http", $"serve Streamable HTTP at /mcp (default {ServerCommandLine.DefaultUrls})");
        var urls = CliOptions.Text("--urls", "URLS", "where to listen, ';'-separated (implies --http; AIVIDEO_MCP_URLS); port 0 picks a free port");
        var token = CliOptions.Text("--token", "TOKEN", "static bearer token clients must send (AIVIDEO_MCP_TOKEN); required beyond loopback unless OAuth");
        var origins = CliOptions.Text("--allowed-origins", "ORIGIN,…", "origins allowed to call (AIVIDEO_MCP_ALLOWED_ORIGINS; default: loopback at the bound port)");
        var hosts = CliOptions.Text("--allowed-hosts", "HOST,…", "Host header values accepted (AIVIDEO_MCP_ALLOWED_HOSTS; default: the bound names)");
        var maxBody = CliOptions.Text("--max-body-bytes", "N", "request body limit in bytes (AIVIDEO_MCP_MAX_BODY_BYTES; default 4194304)");
        var authority = CliOptions.Text("--oauth-authority", "URL", "OAuth 2.1 resource-server mode: the authorization server (AIVIDEO_MCP_OAUTH_AUTHORITY)");
        var audience = CliOptions.Text("--oauth-audience", "AUD", "the audience every access token must carry (AIVIDEO_MCP_OAUTH_AUDIENCE)");
        var resource = CliOptions.Text("--oauth-resource", "URL", "the resource identifier in the RFC 9728 metadata (AIVIDEO_MCP_OAUTH_RESOURCE)");
        var root = new RootCommand($"{program}: an AiVideo MCP server (stdio by default)") { stdio, http, urls, token, origins, hosts, maxBody, authority, audience, resource };
        root.Validators.Add(c =>
        {
            if (c.GetResult(stdio) is not null && (c.GetResult(http) is not null || c.GetResult(urls) is not null))
            {
                c.AddError("--stdio cannot be combined with --http or --urls");
            }
        });
        root.SetAction(_ => 0);
        return new Symbols(root, stdio, http, urls, token, origins, hosts, maxBody, authority, audience, resource);
    }
}
