using AiVideo.Host.Runs;
using AiVideo.Core;
using AiVideo.Host.Cli;
using AiVideo.Host.Mcp;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Cli;

public class MakeOptionsTests
{
    [Fact]
    public void Parse_AllOptions()
    {
        var o = MakeOptions.Parse(["--channel", "c.json", "--brief", "b.md", "--size", "720x1280", "--fps", "24", "--out", "o", "--json"]);
        Assert.Equal(("c.json", "b.md", 720, 1280, 24, "o", true), (o.ChannelPath, o.BriefPath, o.Size.Width, o.Size.Height, o.Fps, o.OutDirectory, o.Json));
    }

    [Theory]
    [InlineData(new[] { "--brief", "b.md" }, "--channel")]
    [InlineData(new[] { "--channel", "c.json" }, "--brief")]
    [InlineData(new[] { "--channel", "c", "--brief", "b", "--size", "1x1" }, "out of range")]
    [InlineData(new[] { "--channel", "c", "--brief", "b", "--fps", "500" }, "--fps must be")]
    [InlineData(new[] { "--channel", "c", "--brief", "b", "--colour", "red" }, "unknown option '--colour'")]
    [InlineData(new[] { "--channel" }, "--channel needs a value")]
    public void Parse_Invalid_OneLineError(string[] args, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => MakeOptions.Parse(args)).Message);
}

public class CliAppTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Make_MissingChannelFile_ExitsTwoWithOneLine()
    {
        var (code, _, err) = await Run("make", "--channel", "/nope/c.json", "--brief", RepoPaths.Samples("briefs", "moon-drift.md"));
        Assert.Equal(2, code);
        Assert.Equal("aivideo: channel file '/nope/c.json' does not exist", err.Trim());
    }

    [Fact]
    public async Task Make_MalformedBrief_ExitsTwo()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("b.md"), "\n\n");
        var (code, _, err) = await Run("make", "--channel", RepoPaths.Samples("channels", "space-facts.json"), "--brief", dir.Combine("b.md"));
        Assert.Equal(2, code);
        Assert.Contains("is empty", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Make_ServerCannotStart_ExitsOneNamingTheServer()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("mcp.json"), """
            { "mcpServers": {
                "x-render": { "command": "dotnet", "args": ["missing/render.dll"] },
                "x-voice": { "command": "dotnet", "args": ["missing/voice.dll"] },
                "x-publish": { "command": "dotnet", "args": ["missing/publish.dll"] } } }
            """);
        var (code, _, err) = await Run("make", "--channel", RepoPaths.Samples("channels", "space-facts.json"), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--mcp-config", dir.Combine("mcp.json"), "--out", dir.Combine("out"), "--workspace", dir.Combine("ws"), "--quiet");
        Assert.Equal(1, code);
        Assert.Contains("could not start MCP server 'x-", err);
        Assert.DoesNotContain("   at ", err);
        var report = Assert.Single(Directory.GetFiles(dir.Combine("out"), "report.json", SearchOption.AllDirectories));
        Assert.Contains("\"outcome\": \"dead_lettered\"", File.ReadAllText(report));
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var (code, _, err) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown command", err);
    }

    [Fact]
    public async Task McpConfig_PrintsAbsolutePathsAndWorkspace()
    {
        var (code, stdout, _) = await Run("mcp", "config", "--mcp-config", Path.Combine(RepoPaths.Root, "mcp.json"));
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var servers = doc.RootElement.GetProperty("mcpServers").EnumerateObject().ToList();
        Assert.Equal(3, servers.Count);
        foreach (var role in new[] { "render", "voice", "publish" })
        {
            var server = servers.Single(s => s.Name.Contains(role)).Value;
            Assert.True(Path.IsPathRooted(server.GetProperty("args")[0].GetString()));
            Assert.True(Path.IsPathRooted(server.GetProperty("env").GetProperty("AIVIDEO_WORKSPACE").GetString()));
        }
    }
}

public class McpServerCatalogTests
{
    [Fact]
    public void Find_ByRole_ResolvesRelativeDllNextToFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("mcp.json"), """{ "mcpServers": { "my-render": { "command": "dotnet", "args": ["bin/r.dll"] } } }""");
        var catalog = new McpServerCatalog(dir.Combine("mcp.json"));
        var render = catalog.Find("render");
        Assert.Equal("dotnet", render.Command);
        Assert.Equal(dir.Combine("bin", "r.dll"), render.Args[0]);
        Assert.Contains("no server whose name contains 'voice'", Assert.Throws<InvalidInputException>(() => catalog.Find("voice")).Message);
    }

    [Fact]
    public void Constructor_NotJson_ClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("mcp.json"), "{");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidInputException>(() => new McpServerCatalog(dir.Combine("mcp.json"))).Message);
    }
}
