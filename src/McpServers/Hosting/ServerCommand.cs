using System.CommandLine;
using System.Net;
using AiVideo.Core.CommandLine;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// The MCP servers' own flags as a System.CommandLine command, bound into <see cref="ServerCommandLine"/>:
/// <c>[--stdio | --http] [--urls URLS] [--token TOKEN]</c>. Errors are one line, worded as the <c>aivideo</c> CLI's
/// ("unknown option '--verbose' (see '… --help')"); <c>--help</c> prints the flags.
/// </summary>
public static class ServerCommand
{
    private sealed record Symbols(RootCommand Root, Option<bool> Stdio, Option<bool> Http, Option<string?> Urls, Option<string?> Token);

    /// <summary>The flags of <paramref name="args"/>; <see cref="ServerCommandLine.Error"/> is set (one line) when they are wrong.</summary>
    public static ServerCommandLine Parse(string[] args, string program = "server")
    {
        var s = Create(program);
        var result = CliErrors.Parse(s.Root, args);
        if (CliErrors.OneLine(result, program) is { } error) return new(false, ServerCommandLine.DefaultUrls, null, error);
        var urls = result.GetValue(s.Urls) ?? ServerCommandLine.DefaultUrls;
        var token = result.GetValue(s.Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        var http = result.GetValue(s.Http) || result.GetValue(s.Urls) is not null;
        if (http && string.IsNullOrEmpty(token) && !IsLoopbackOnly(urls))
        {
            return new(http, urls, token, $"binding to {urls} (not loopback) requires --token or {TokenVariable}");
        }
        return new(http, urls, token, null);
    }

    /// <summary>When <paramref name="args"/> ask for help (<c>--help</c>, <c>-h</c>, <c>-?</c>), writes it and returns true.</summary>
    public static bool TryWriteHelp(string[] args, string program, TextWriter output)
    {
        var result = CliErrors.Parse(Create(program).Root, args);
        if (result.Action is not System.CommandLine.Help.HelpAction) return false;
        result.Invoke(new InvocationConfiguration { Output = output, Error = output });
        return true;
    }

    public const string TokenVariable = "AIVIDEO_MCP_TOKEN";

    private static Symbols Create(string program)
    {
        var stdio = CliOptions.Flag("--stdio", "serve over stdin/stdout (the default; logs go to stderr)");
        var http = CliOptions.Flag("--http", $"serve Streamable HTTP at /mcp (default {ServerCommandLine.DefaultUrls})");
        var urls = CliOptions.Text("--urls", "URLS", "where to listen, ';'-separated (implies --http); not loopback requires a token");
        var token = CliOptions.Text("--token", "TOKEN", $"bearer token clients must send (default {TokenVariable})");
        var root = new RootCommand($"{program}: an AiVideo MCP server (stdio by default)") { stdio, http, urls, token };
        root.Validators.Add(c =>
        {
            if (c.GetResult(stdio) is not null && (c.GetResult(http) is not null || c.GetResult(urls) is not null))
            {
                c.AddError("--stdio cannot be combined with --http or --urls");
            }
        });
        root.SetAction(_ => 0);
        return new Symbols(root, stdio, http, urls, token);
    }

    private static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u =>
            Uri.TryCreate(u.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
