using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Memory.Performance;

namespace AiVideo.Host.Pipeline;

/// <summary>The fixed inputs of one run. Artifacts go under <see cref="RunDirectory"/> in the workspace.</summary>
public sealed record RunContext(
    string RunId,
    ChannelProfile Channel,
    Brief Brief,
    VideoSize Size,
    int Fps,
    int RenderConcurrency)
{
    /// <summary>
    /// False only in the reliability benchmark's --no-gates mode: gates are still measured and recorded, but a failing
    /// gate no longer stops the run — to show what the same faults do without validation.
    /// </summary>
    public bool GatesEnforced { get; init; } = true;

    /// <summary>What the performance memory recalled for this run (fixed at the run's start, so a resume writes from the same context).</summary>
    public PerformanceContext Memory { get; init; } = PerformanceContext.Empty;

    /// <summary>Optional trend notes handed to the ideation agent.</summary>
    public string? TrendNotes { get; init; }

    /// <summary>Workspace-relative folder of this run's artifacts.</summary>
    public string RunDirectory => $"runs/{RunId}";

    /// <summary>Size of the intermediate shot clips; the assembler scales them to <see cref="Size"/>.</summary>
    public VideoSize ShotSize => Size.ShotSize();

    public string Artifact(string name) => $"{RunDirectory}/{name}";
}
