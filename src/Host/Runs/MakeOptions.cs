using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Runs;

/// <summary>The arguments of <c>aivideo make</c>, validated: a bad value is a one-line <see cref="InvalidInputException"/>.</summary>
public sealed record MakeOptions
{
    public required string ChannelPath { get; init; }
    public required string BriefPath { get; init; }
    public string OutDirectory { get; init; } = "out";
    public string? Workspace { get; init; }
    public string McpConfigPath { get; init; } = DefaultMcpConfig;

    /// <summary>mcp.json named by AIVIDEO_MCP_CONFIG (the ./aivideo script sets the repo's), else ./mcp.json.</summary>
    public static string DefaultMcpConfig => Environment.GetEnvironmentVariable("AIVIDEO_MCP_CONFIG") is { Length: > 0 } v ? v : "mcp.json";
    public VideoSize Size { get; init; } = VideoSize.Vertical1080;
    public int Fps { get; init; } = 30;
    public int RenderConcurrency { get; init; } = 2;
    public string? TrendsPath { get; init; }

    /// <summary>Fault injection for reliability testing, e.g. "rate=0.03,seed=7" (see ChaosSpec); null: off.</summary>
    public string? Chaos { get; init; }

    /// <summary>False only for the benchmark's --no-gates comparison.</summary>
    public bool GatesEnforced { get; init; } = true;

    /// <summary>A run that has not ended by then is stopped and dead-lettered (it can be retried).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(30);
    public bool Json { get; init; }
    public bool Quiet { get; init; }

    /// <summary>A fixed run id (benchmarks, so a seeded run is the same run in every process); null: a new one from the clock.</summary>
    public string? RunId { get; init; }

    /// <summary>False (--no-memory): write without recalling the channel's past performance.</summary>
    public bool UseMemory { get; init; } = true;

    public static MakeOptions Parse(IReadOnlyList<string> args)
    {
        string? channel = null, brief = null;
        var options = new MakeOptions { ChannelPath = "", BriefPath = "" };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new InvalidInputException($"{name} needs a value");
            switch (name)
            {
                case "--channel": channel = Value(); break;
                case "--brief": brief = Value(); break;
                case "--out": options = options with { OutDirectory = Value() }; break;
                case "--workspace": options = options with { Workspace = Value() }; break;
                case "--mcp-config": options = options with { McpConfigPath = Value() }; break;
                case "--size":
                    try { options = options with { Size = VideoSize.Parse(Value()) }; }
                    catch (ArgumentException ex) { throw new InvalidInputException(ex.Message); }
                    break;
                case "--fps": options = options with { Fps = Int(name, Value(), 1, 60) }; break;
                case "--render-concurrency": options = options with { RenderConcurrency = Int(name, Value(), 1, 8) }; break;
                case "--trends": options = options with { TrendsPath = Value() }; break;
                case "--chaos":
                    var chaos = Value();
                    ChaosSpec.Parse(chaos);
                    options = options with { Chaos = chaos };
                    break;
                case "--deadline": options = options with { Deadline = TimeSpan.FromMinutes(Int(name, Value(), 1, 1440)) }; break;
                case "--json": options = options with { Json = true }; break;
                case "--quiet": options = options with { Quiet = true }; break;
                case "--no-memory": options = options with { UseMemory = false }; break;
                default: throw new InvalidInputException($"unknown option '{name}' for make (see 'aivideo help')");
            }
        }
        if (channel is null) throw new InvalidInputException("make needs --channel FILE (e.g. samples/channels/space-facts.json)");
        if (brief is null) throw new InvalidInputException("make needs --brief FILE (e.g. samples/briefs/moon-drift.md)");
        return options with { ChannelPath = channel, BriefPath = brief };
    }

    private static int Int(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new InvalidInputException($"{name} must be a whole number {min}..{max}, got '{text}'");
}
