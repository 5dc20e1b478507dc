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
        Assert.Equal("aivideo-mcp-render: binding to http://0.0.0.0:5100 (not loopback) requires --token or AIVIDEO_MCP_TOKEN", stderr.Trim());
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
