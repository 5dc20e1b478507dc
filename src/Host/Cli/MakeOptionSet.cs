using System.CommandLine;
using AiVideo.Core;
using AiVideo.Core.Chaos;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Domain;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Cli;

/// <summary>
/// The options of <c>aivideo make</c> as System.CommandLine symbols, bound into <see cref="MakeOptions"/>. <c>chat</c>
/// takes the run options (<see cref="Run"/>), <c>campaign run</c> all but the channel and brief (<see cref="Shared"/>);
/// one instance of each option is shared by those commands. An option not given keeps <see cref="MakeOptions"/>' default.
/// </summary>
public sealed class MakeOptionSet
{
    private static readonly MakeOptions Defaults = new() { ChannelPath = "", BriefPath = "" };

    public Option<string?> Channel { get; } = CliOptions.Text("--channel", "FILE", "channel profile JSON, e.g. samples/channels/space-facts.json");
    public Option<string?> Brief { get; } = CliOptions.Text("--brief", "FILE", "brief markdown, e.g. samples/briefs/moon-drift.md");
    public Option<string?> Out { get; } = CliOptions.Text("--out", "DIR", $"where <runId>/final.mp4, report.json and published/ go (default {Defaults.OutDirectory})");

    public Option<VideoSize?> Size { get; } = CliOptions.Value<VideoSize?>("--size", "WxH", $"output size (default {Defaults.Size}; e.g. 720x1280)", (text, result) =>
    {
        try { return VideoSize.Parse(text); }
        catch (ArgumentException ex) { return CliOptions.Fail<VideoSize?>(result, Flagged("--size", ex.Message)); }
    });

    public Option<int?> Fps { get; } = CliOptions.WholeNumber("--fps", "N", $"frames per second, 1..60 (default {Defaults.Fps})", 1, 60);
    public Option<int?> RenderConcurrency { get; } = CliOptions.WholeNumber("--render-concurrency", "N", $"shots rendered at once, 1..8 (default {Defaults.RenderConcurrency})", 1, 8);
    public Option<string?> Workspace { get; } = CliOptions.Text("--workspace", "DIR", "artifact workspace shared with the MCP servers (default .aivideo/workspace)");
    public Option<string?> McpConfig { get; } = CliOptions.Text("--mcp-config", "FILE", "MCP servers to start (default mcp.json, or AIVIDEO_MCP_CONFIG)");
    public Option<string?> Trends { get; } = CliOptions.Text("--trends", "FILE", "trend notes for the ideation agent (used when a model is configured)");
    public Option<int?> Deadline { get; } = CliOptions.WholeNumber("--deadline", "MIN", $"stop and dead-letter a run not finished after MIN minutes, 1..1440 (default {Defaults.Deadline.TotalMinutes})", 1, 1440);

    public Option<string?> Chaos { get; } = CliOptions.Value<string?>("--chaos", "SPEC", "inject faults into every provider, e.g. \"rate=0.03,seed=7\" (testing)", (text, result) =>
    {
        try
        {
            ChaosSpec.Parse(text);
            return text;
        }
        catch (InvalidInputException ex) { return CliOptions.Fail<string?>(result, Flagged("--chaos", ex.Message)); }
    });

    public Option<bool> NoMemory { get; } = CliOptions.Flag("--no-memory", "write without recalling the channel's past performance");
    public Option<bool> Json { get; } = CliOptions.Flag("--json", "print report.json to stdout when done");
    public Option<bool> Quiet { get; } = CliOptions.Flag("--quiet", "no progress lines");
    public Option<bool> DryRun { get; } = CliOptions.Flag("--dry-run", "print the script, each shot's source and the estimated cost per provider; spend nothing (no render, voice or publish)");

    /// <summary>What a run needs besides its channel and brief: the options <c>chat</c> passes on to its runs.</summary>
    public IReadOnlyList<Option> Run => [Out, Size, Fps, RenderConcurrency, Workspace, McpConfig, Trends, Deadline];

    /// <summary>Every make option but <c>--channel</c> and <c>--brief</c> (<c>campaign run</c>).</summary>
    public IReadOnlyList<Option> Shared => [.. Run, Chaos, NoMemory, Json, Quiet];

    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/> and returns it.</summary>
    public static Command AddTo(Command command, IEnumerable<Option> options)
    {
        foreach (var option in options) command.Add(option);
        return command;
    }

    /// <summary>The options given on <paramref name="result"/>'s command line; those not given keep their defaults.</summary>
    public MakeOptions Bind(ParseResult result, string channelPath, string briefPath) => Defaults with
    {
        ChannelPath = channelPath,
        BriefPath = briefPath,
        OutDirectory = result.GetValue(Out) ?? Defaults.OutDirectory,
        Workspace = result.GetValue(Workspace) ?? Defaults.Workspace,
        McpConfigPath = result.GetValue(McpConfig) ?? MakeOptions.DefaultMcpConfig,
        Size = result.GetValue(Size) ?? Defaults.Size,
        Fps = result.GetValue(Fps) ?? Defaults.Fps,
        RenderConcurrency = result.GetValue(RenderConcurrency) ?? Defaults.RenderConcurrency,
        TrendsPath = result.GetValue(Trends) ?? Defaults.TrendsPath,
        Chaos = result.GetValue(Chaos) ?? Defaults.Chaos,
        Deadline = result.GetValue(Deadline) is { } minutes ? TimeSpan.FromMinutes(minutes) : Defaults.Deadline,
        Json = result.GetValue(Json),
        Quiet = result.GetValue(Quiet),
        UseMemory = !result.GetValue(NoMemory),
    };

    /// <summary>The <c>make</c> command: <c>--channel</c> and <c>--brief</c> required, every other make option.</summary>
    public Command MakeCommand(Func<MakeOptions, CancellationToken, Task<int>> run)
    {
        var command = AddTo(new Command("make", "brief + channel → a captioned, narrated short, checked at every step and published (or an explained dead letter)"),
            [Channel, Brief, .. Shared, DryRun]);
        Channel.Required = true;
        Brief.Required = true;
        command.SetAction((result, ct) => run(Bind(result, result.GetValue(Channel)!, result.GetValue(Brief)!) with { DryRun = result.GetValue(DryRun) }, ct));
        return command;
    }

    /// <summary>"size 1x1 is out of range…" → "--size 1x1 is out of range…" (the parsers' reasons start with the option's name).</summary>
    private static string Flagged(string option, string message) =>
        message.StartsWith(option[2..] + " ", StringComparison.Ordinal) ? "--" + message : $"{option}: {message}";
}
