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
        Assert.Contains("unknown argument '--verbose'", ServerCommandLine.Parse(["--verbose"]).Error);
}
