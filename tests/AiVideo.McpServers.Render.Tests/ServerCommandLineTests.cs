using System.Diagnostics;
using AiVideo.McpServers.Hosting;

namespace AiVideo.McpServers.Render.Tests;

public class ServerCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_IsStdio()
    {
        var options = ServerCommandLine.Parse([]);
        Assert.False(options.Http);
        Assert.Null(options.Error);
    }

    [Fact]
    public void Parse_Http_DefaultsToLoopback()
    {
        var options = ServerCommandLine.Parse(["--http"]);
        Assert.True(options.Http);
        Assert.Equal("http://127.0.0.1:5100", options.Urls);
        Assert.Null(options.Error);
    }

    [Fact]
    public void Parse_Urls_ImpliesHttp()
    {
        var options = ServerCommandLine.Parse(["--urls", "http://localhost:5200"]);
        Assert.Equal((true, "http://localhost:5200", null), (options.Http, options.Urls, options.Error));
    }

    [Fact]
    public void Parse_NonLoopbackWithoutToken_IsRefused()
    {
        var options = ServerCommandLine.Parse(["--urls", "http://0.0.0.0:5100"]);
        Assert.Contains("requires --token", options.Error);
    }

    [Fact]
    public void Parse_NonLoopbackWithToken_IsAllowed() =>
        Assert.Null(ServerCommandLine.Parse(["--urls", "http://0.0.0.0:5100", "--token", "s3cret"]).Error);

    [Fact]
    public void Parse_UnknownArgument_IsAnError() =>
        Assert.Equal("unknown option '--verbose' for server (see 'server --help')", ServerCommandLine.Parse(["--verbose"]).Error);

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static ServerCommandLine Parse(string[] args, Dictionary<string, string>? environment = null) =>
        ServerCommandLine.Parse(args, name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Parse_Http_HasSafeDefaults()
    {
        var options = ServerCommandLine.Parse(["--http"], NoEnvironment).HttpOptions;
        Assert.Null(options.AllowedOrigins);
        Assert.Equal(["127.0.0.1", "localhost", "[::1]"], options.EffectiveAllowedHosts());
        Assert.Equal(4 * 1024 * 1024, options.MaxBodyBytes);
        Assert.False(options.RequiresAuthentication);
    }

    [Fact]
    public void Parse_SecurityFlags_AreRead()
    {
        var options = Parse(["--http", "--allowed-origins", "http://localhost:3000, https://studio.example", "--allowed-hosts", "mcp.example",
            "--max-body-bytes", "1024", "--token", "t"]);
        Assert.Null(options.Error);
        Assert.Equal(["http://localhost:3000", "https://studio.example"], options.HttpOptions.AllowedOrigins);
        Assert.Equal(["mcp.example"], options.HttpOptions.EffectiveAllowedHosts());
        Assert.Equal(1024, options.HttpOptions.MaxBodyBytes);
        Assert.Equal("t", options.Token);
    }

    [Fact]
    public void Parse_EnvironmentSettings_AreReadAndFlagsWin()
    {
        var environment = new Dictionary<string, string>
        {
            ["AIVIDEO_MCP_ALLOWED_ORIGINS"] = "http://localhost:3000",
            ["AIVIDEO_MCP_MAX_BODY_BYTES"] = "2048",
            ["AIVIDEO_MCP_TOKEN"] = "from-env",
        };
        var options = Parse(["--http", "--max-body-bytes", "4096"], environment);
        Assert.Null(options.Error);
        Assert.Equal(["http://localhost:3000"], options.HttpOptions.AllowedOrigins);
        Assert.Equal(4096, options.HttpOptions.MaxBodyBytes);
        Assert.Equal("from-env", options.Token);
    }

    [Theory]
    [InlineData("http://localhost:3000/app", "--allowed-origins: 'http://localhost:3000/app' is not an origin")]
    [InlineData("localhost:3000", "--allowed-origins: 'localhost:3000' is not an origin")]
    public void Parse_AllowedOriginThatIsNotAnOrigin_IsAnError(string origin, string error) =>
        Assert.StartsWith(error, Parse(["--http", "--allowed-origins", origin]).Error);

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("0")]
    public void Parse_MaxBodyBytesNotAPositiveNumber_IsAnError(string value) =>
        Assert.StartsWith("--max-body-bytes:", Parse(["--http", "--max-body-bytes", value]).Error);

    [Fact]
    public void Parse_FlagWithoutValue_SaysWhichFlag() =>
        Assert.Equal("--allowed-origins needs a value", Parse(["--http", "--allowed-origins"]).Error);

    [Fact]
    public void Parse_TokenAndOAuth_IsAnError() =>
        Assert.Contains("not both", Parse(["--http", "--token", "t", "--oauth-authority", "https://login.example", "--oauth-audience", "a"]).Error);

    [Fact]
    public void Parse_OAuthAudienceWithoutAuthority_IsAnError() =>
        Assert.Contains("need --oauth-authority", Parse(["--http", "--oauth-audience", "a"]).Error);

    [Fact]
    public void Parse_OAuthAuthorityWithoutAudience_IsAnError() =>
        Assert.StartsWith("--oauth-audience:", Parse(["--http", "--oauth-authority", "https://login.example"]).Error);

    [Fact]
    public void Parse_OAuthPlainHttpAuthorityBeyondLoopback_IsAnError() =>
        Assert.Contains("must use https", Parse(["--http", "--oauth-authority", "http://login.example", "--oauth-audience", "a"]).Error);

    [Fact]
    public void Parse_NonLoopbackWithOAuth_IsAllowed()
    {
        var options = Parse(["--urls", "http://0.0.0.0:5100", "--oauth-authority", "https://login.example/tenant", "--oauth-audience", "api://aivideo"]);
        Assert.Null(options.Error);
        Assert.True(options.HttpOptions.RequiresAuthentication);
        Assert.Equal("https://login.example/tenant", options.HttpOptions.OAuth!.Authority.OriginalString);
    }

    [Fact]
    public void Parse_StdioWithHttpOnlyMistakes_IsNotAnError() =>
        Assert.Null(Parse(["--max-body-bytes", "0"]).Error);

    [Theory]
    [InlineData("http://0.0.0.0:5100", "*")]
    [InlineData("http://*:5100", "*")]
    [InlineData("http://192.168.1.20:5100", "192.168.1.20")]
    [InlineData("http://localhost:5100", "127.0.0.1,localhost,[::1]")]
    public void EffectiveAllowedHosts_ByBinding_AreTheBoundNames(string urls, string hosts) =>
        Assert.Equal(hosts.Split(','), new AiVideo.McpServers.Hosting.Http.McpHttpOptions { Urls = urls, Token = "t" }.EffectiveAllowedHosts());

    [Theory]
    [InlineData(new[] { "--token" }, "--token needs a value")]
    [InlineData(new[] { "--urls", "--http" }, "--urls needs a value")]
    [InlineData(new[] { "--stdio", "--http" }, "--stdio cannot be combined with --http or --urls")]
    [InlineData(new[] { "serve" }, "unexpected argument 'serve' for server (see 'server --help')")]
    public void Parse_BadInput_OneLineError(string[] args, string expected) =>
        Assert.Equal(expected, ServerCommandLine.Parse(args).Error);

    private static async Task<(int Code, string Out, string Err)> RunServer(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "aivideo-mcp-render.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.Environment.Remove("AIVIDEO_MCP_TOKEN");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Server_UnknownFlag_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = await RunServer("--verbose");
        Assert.Equal(2, code);
        Assert.Equal("aivideo-mcp-render: unknown option '--verbose' for aivideo-mcp-render (see 'aivideo-mcp-render --help')", stderr.Trim());
    }

    [Fact]
    public async Task Server_HttpOnNonLoopbackWithoutToken_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = await RunServer("--http", "--urls", "http://0.0.0.0:5100");
        Assert.Equal(2, code);
        Assert.Equal("aivideo-mcp-render: binding to http://0.0.0.0:5100 (not loopback) requires --token (or AIVIDEO_MCP_TOKEN) or --oauth-authority", stderr.Trim());
    }

    [Fact]
    public async Task Server_Help_ExitsZeroListingItsFlags()
    {
        var (code, stdout, stderr) = await RunServer("--help");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        foreach (var flag in new[] { "--stdio", "--http", "--urls", "--token" }) Assert.Contains(flag, stdout);
    }
}
