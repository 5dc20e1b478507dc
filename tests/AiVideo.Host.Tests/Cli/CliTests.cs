using System.CommandLine;
using AiVideo.Host.Runs;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
using AiVideo.Host.Cli;
using AiVideo.Host.Mcp;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Cli;

public class MakeOptionSetTests
{
    private static async Task<MakeOptions> Bind(params string[] args)
    {
        MakeOptions? bound = null;
        var root = new RootCommand { new MakeOptionSet().MakeCommand((o, _) => { bound = o; return Task.FromResult(0); }) };
        var parsed = CliErrors.Parse(root, ["make", .. args]);
        Assert.Null(CliErrors.OneLine(parsed, "aivideo"));
        Assert.Equal(0, await parsed.InvokeAsync(new InvocationConfiguration(), CancellationToken.None));
        return bound!;
    }

    [Fact]
    public async Task Bind_AllOptions_BoundIntoMakeOptions()
    {
        var o = await Bind("--channel", "c.json", "--brief", "b.md", "--size", "720x1280", "--fps", "24", "--out", "o", "--json", "--quiet", "--no-memory",
            "--render-concurrency", "3", "--workspace", "ws", "--mcp-config", "m.json", "--trends", "t.md", "--deadline", "5", "--chaos", "rate=0.1,seed=3");
        Assert.Equal(("c.json", "b.md", 720, 1280, 24, "o", true, true, false), (o.ChannelPath, o.BriefPath, o.Size.Width, o.Size.Height, o.Fps, o.OutDirectory, o.Json, o.Quiet, o.UseMemory));
        Assert.Equal((3, "ws", "m.json", "t.md", TimeSpan.FromMinutes(5), "rate=0.1,seed=3"), (o.RenderConcurrency, o.Workspace, o.McpConfigPath, o.TrendsPath, o.Deadline, o.Chaos));
    }

    [Fact]
    public async Task Bind_OnlyRequired_KeepsMakeOptionsDefaults()
    {
        var o = await Bind("--channel", "c.json", "--brief", "b.md");
        Assert.Equal(new MakeOptions { ChannelPath = "c.json", BriefPath = "b.md" }, o);
    }

    [Fact]
    public async Task Bind_OptionGivenTwice_LastWins()
    {
        var o = await Bind("--channel", "c.json", "--brief", "b.md", "--out", "a", "--out", "b", "--fps", "12", "--fps", "25");
        Assert.Equal(("b", 25), (o.OutDirectory, o.Fps));
    }

    [Fact]
    public async Task Bind_ValueStartingWithAt_IsAPathNotAResponseFile()
    {
        var o = await Bind("--channel", "@c.json", "--brief", "b.md");
        Assert.Equal("@c.json", o.ChannelPath);
    }
}

/// <summary>The command line itself: help, unknown flags, bad values and missing input, across every command.</summary>
public class CliCommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => throw new InvalidOperationException("no model needed to parse"))
            .RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every command of the tree (its words) and the command itself.</summary>
    private static List<(string[] Path, Command Command)> AllCommands()
    {
        var all = new List<(string[], Command)>();
        void Walk(Command c, string[] path)
        {
            foreach (var sub in c.Subcommands)
            {
                all.Add(([.. path, sub.Name], sub));
                Walk(sub, [.. path, sub.Name]);
            }
        }
        Walk(new CliApp(TextWriter.Null, TextWriter.Null, NullLoggerFactory.Instance).Commands(), []);
        return all;
    }

    private static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {stderr}");
        Assert.StartsWith("aivideo: ", lines[0]);
        return lines[0].TrimEnd('\r');
    }

    [Fact]
    public void Commands_Tree_HasEveryDocumentedCommand()
    {
        var paths = AllCommands().Select(c => string.Join(' ', c.Path)).ToHashSet();
        string[] expected = ["make", "chat", "campaign run", "runs list", "runs show", "runs resume", "resume", "dlq list", "dlq show", "dlq retry",
            "dlq discard", "metrics import", "metrics pull", "metrics list", "memory recall", "mcp config", "completion", "help"];
        Assert.All(expected, p => Assert.Contains(p, paths));
    }

    [Fact]
    public async Task Help_EveryCommand_ExitsZeroAndListsItsOptions()
    {
        foreach (var (path, command) in AllCommands())
        {
            foreach (var flag in new[] { "--help", "-h" })
            {
                var (code, stdout, stderr) = await Run([.. path, flag]);
                Assert.True(code == 0, $"{string.Join(' ', path)} {flag}: exit {code}, {stderr}");
                Assert.Equal("", stderr);
                Assert.Contains("Usage:", stdout);
                foreach (var option in command.Options) Assert.Contains(option.Name, stdout);
                foreach (var sub in command.Subcommands) Assert.Contains(sub.Name, stdout);
            }
        }
    }

    [Fact]
    public async Task Help_HelpCommandWithAPath_PrintsThatCommandsHelp()
    {
        var (code, stdout, _) = await Run("help", "dlq", "discard");
        Assert.Equal(0, code);
        Assert.Contains("--remove-artifacts", stdout);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_Root_PrintsOverviewExitsZero(string flag)
    {
        var (code, stdout, _) = await Run(flag);
        Assert.Equal(0, code);
        Assert.Equal(UsageText.Text.Trim(), stdout.Trim());
    }

    [Fact]
    public async Task NoArguments_PrintsOverviewExitsTwo()
    {
        var (code, stdout, _) = await Run();
        Assert.Equal(2, code);
        Assert.Contains("aivideo make --channel FILE --brief FILE", stdout);
    }

    [Fact]
    public void UsageText_Overview_NamesEveryCommandAndOption()
    {
        foreach (var (path, command) in AllCommands())
        {
            Assert.Contains(path[^1], UsageText.Text);
            foreach (var option in command.Options) Assert.True(UsageText.Text.Contains(option.Name, StringComparison.Ordinal), $"usage lacks {string.Join(' ', path)} {option.Name}");
        }
    }

    [Fact]
    public async Task UnknownOption_EveryCommand_ExitsTwoWithOneLineNamingIt()
    {
        foreach (var (path, _) in AllCommands())
        {
            var (code, _, stderr) = await Run([.. path, "--colour", "red"]);
            Assert.True(code == 2, $"{string.Join(' ', path)}: exit {code}");
            Assert.Equal($"aivideo: unknown option '--colour' for {string.Join(' ', path)} (see 'aivideo {string.Join(' ', path)} --help')", OneLine(stderr));
        }
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "aivideo: unknown command 'frobnicate' (see 'aivideo --help')")]
    [InlineData(new[] { "runs", "frobnicate" }, "aivideo: unknown command 'runs frobnicate' (see 'aivideo runs --help')")]
    [InlineData(new[] { "runs", "show", "a", "b" }, "aivideo: unexpected argument 'b' for runs show (see 'aivideo runs show --help')")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "extra" }, "aivideo: unexpected argument 'extra' for make (see 'aivideo make --help')")]
    [InlineData(new[] { "--verbose" }, "aivideo: unknown option '--verbose' for aivideo (see 'aivideo --help')")]
    [InlineData(new[] { "runs", "show", "--verbose" }, "aivideo: unknown option '--verbose' for runs show (see 'aivideo runs show --help')")]
    [InlineData(new[] { "help", "frobnicate" }, "aivideo: unknown command 'frobnicate' (see 'aivideo help')")]
    public async Task UnknownCommandOrArgument_ExitsTwoWithOneLine(string[] args, string expected)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, OneLine(stderr));
    }

    [Theory]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--fps", "0" }, "aivideo: --fps must be a whole number 1..60, got '0'")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--fps", "x" }, "aivideo: --fps must be a whole number 1..60, got 'x'")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--render-concurrency", "9" }, "aivideo: --render-concurrency must be a whole number 1..8, got '9'")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--deadline", "0" }, "aivideo: --deadline must be a whole number 1..1440, got '0'")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--size", "1x1" }, "aivideo: --size 1x1 is out of range: each side must be 64..4096 pixels")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--size", "big" }, "aivideo: --size 'big' is not WIDTHxHEIGHT, e.g. 1080x1920")]
    [InlineData(new[] { "make", "--channel", "c", "--brief", "b", "--chaos", "rate=2" }, "aivideo: --chaos 'rate=2': 'rate=2' is not rate=0..1, seed=N, hang=SECONDS or only=KIND+KIND")]
    [InlineData(new[] { "make", "--channel", "--brief", "b" }, "aivideo: --channel needs a value")]
    [InlineData(new[] { "chat", "--message", " " }, "aivideo: --message needs text")]
    [InlineData(new[] { "chat", "--channel", "/nope/c.json" }, "aivideo: channel file '/nope/c.json' does not exist")]
    [InlineData(new[] { "chat", "--fps", "61" }, "aivideo: --fps must be a whole number 1..60, got '61'")]
    [InlineData(new[] { "campaign", "run", "plan.json", "--size", "721x1280" }, "aivideo: --size 721x1280 must have even sides (yuv420p)")]
    [InlineData(new[] { "metrics", "pull", "--channel", "c", "--platform", "instagram_reels" },
        "aivideo: --platform must be youtube_shorts or tiktok, got 'instagram_reels' (import other platforms' numbers with 'aivideo metrics import')")]
    [InlineData(new[] { "metrics", "list", "--channel", "c", "--platform", "myspace" },
        "aivideo: --platform must be tiktok, youtube_shorts, instagram_reels or webhook, got 'myspace'")]
    [InlineData(new[] { "completion", "zsh" }, "aivideo: completion supports bash, got 'zsh'")]
    [InlineData(new[] { "runs", "list", "--out" }, "aivideo: --out needs a value")]
    public async Task BadValue_ExitsTwoWithOneLine(string[] args, string expected)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, OneLine(stderr));
    }

    [Theory]
    [InlineData(new[] { "make", "--brief", "b.md" }, "aivideo: make needs --channel FILE (see 'aivideo make --help')")]
    [InlineData(new[] { "make", "--channel", "c.json" }, "aivideo: make needs --brief FILE (see 'aivideo make --help')")]
    [InlineData(new[] { "campaign", "run" }, "aivideo: campaign run needs PLAN.json (see 'aivideo campaign run --help')")]
    [InlineData(new[] { "campaign" }, "aivideo: campaign needs a command: run (see 'aivideo campaign --help')")]
    [InlineData(new[] { "runs" }, "aivideo: runs needs a command: list, show or resume (see 'aivideo runs --help')")]
    [InlineData(new[] { "runs", "show" }, "aivideo: runs show needs ID (see 'aivideo runs show --help')")]
    [InlineData(new[] { "runs", "resume", "--quiet" }, "aivideo: runs resume needs ID (see 'aivideo runs resume --help')")]
    [InlineData(new[] { "resume" }, "aivideo: resume needs --all (or use 'aivideo runs resume ID')")]
    [InlineData(new[] { "dlq", "retry" }, "aivideo: dlq retry needs ID (see 'aivideo dlq retry --help')")]
    [InlineData(new[] { "dlq", "discard", "--remove-artifacts" }, "aivideo: dlq discard needs ID (see 'aivideo dlq discard --help')")]
    [InlineData(new[] { "metrics", "import" }, "aivideo: metrics import needs FILE.csv (see 'aivideo metrics import --help')")]
    [InlineData(new[] { "metrics", "pull", "--platform", "tiktok" }, "aivideo: metrics pull needs --channel ID (see 'aivideo metrics pull --help')")]
    [InlineData(new[] { "metrics", "list" }, "aivideo: metrics list needs --channel ID (see 'aivideo metrics list --help')")]
    [InlineData(new[] { "memory", "recall", "--channel", "c" }, "aivideo: memory recall needs --topic TEXT (see 'aivideo memory recall --help')")]
    [InlineData(new[] { "mcp" }, "aivideo: mcp needs a command: config (see 'aivideo mcp --help')")]
    [InlineData(new[] { "completion" }, "aivideo: completion needs SHELL (see 'aivideo completion --help')")]
    public async Task MissingRequired_ExitsTwoWithOneLine(string[] args, string expected)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, OneLine(stderr));
    }

    [Fact]
    public async Task Completion_Bash_MentionsEveryCommandAndOption()
    {
        var (code, script, _) = await Run("completion", "bash");
        Assert.Equal(0, code);
        Assert.Contains("complete -o default -F _aivideo aivideo", script);
        foreach (var (path, command) in AllCommands())
        {
            Assert.Contains("'/" + string.Join('/', path) + "'", script);
            foreach (var option in command.Options) Assert.Contains(option.Name, script);
        }
    }

    [Theory]
    [InlineData("aivideo |", "make chat campaign runs resume dlq metrics memory costs channel mcp completion help --help -h --version")]
    [InlineData("aivideo ru|", "runs")]
    [InlineData("aivideo runs s|", "show")]
    [InlineData("aivideo dlq discard ID --r|", "--remove-artifacts")]
    [InlineData("aivideo make --channel c.json --f|", "--fps")]
    [InlineData("aivideo metrics pull --platform |", "tiktok youtube_shorts")]
    [InlineData("aivideo runs resume --out runs --q|", "--quiet")]
    public async Task Completion_BashScript_CompletesTheWordAtTheCursor(string line, string expected)
    {
        var (_, script, _) = await Run("completion", "bash");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("aivideo.bash"), script);
        var words = line.TrimEnd('|').Split(' ');
        var program = $"source '{dir.Combine("aivideo.bash")}'; COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}; _aivideo; echo \"${{COMPREPLY[*]}}\"";
        var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["--norc", "-c", program]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(expected, stdout.Trim());
    }

    [Theory]
    [InlineData("make --c", "--channel")]
    [InlineData("metrics pull --platform ", "youtube_shorts")]
    [InlineData("ch", "chat")]
    public async Task Suggest_PartialCommandLine_ReturnsCompletions(string line, string expected)
    {
        var (code, stdout, _) = await Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, code);
        Assert.Contains(expected, stdout.Split('\n', StringSplitOptions.TrimEntries));
    }
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
        Assert.Equal("aivideo: unknown command 'frobnicate' (see 'aivideo --help')", err.Trim());
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
