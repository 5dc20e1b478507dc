using AiVideo.Core.Domain;

namespace AiVideo.Host.Runs;

/// <summary>The arguments of <c>aivideo make</c> (bound from the command line by <c>Cli.MakeOptionSet</c>); the defaults live here.</summary>
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

    /// <summary>--dry-run: print the script, each shot's source and the estimated cost; render, voice and publish nothing.</summary>
    public bool DryRun { get; init; }
}
