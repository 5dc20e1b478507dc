using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// One render request of the pipeline: which shot, in the channel's locked look, how long, at what size, which attempt,
/// where the clip goes, and which visual source should fill it (<see cref="VisualSources"/>; the channel's
/// <c>visuals</c> list decides the order, the render executor falls back along it).
/// </summary>
public sealed record ShotRenderCall(ShotSpec Shot, int ChannelSeed, double DurationSec, VideoSize Size, int Fps, int Attempt, string OutputPath)
{
    public string Source { get; init; } = VisualSources.Procedural;

    /// <summary>The channel the video is for (sources that remember what a channel used, e.g. the library).</summary>
    public string ChannelId { get; init; } = "";

    /// <summary>The run (video) the shot belongs to.</summary>
    public string RunId { get; init; } = "";

    /// <summary>The beat's key phrase for kinetic typography (sources that draw text); null: none.</summary>
    public string? Overlay { get; init; }

    /// <summary>Font family of the overlay; null: the source's default.</summary>
    public string? Font { get; init; }

    /// <summary>The channel's library (folder resolved to an absolute path) when <see cref="Source"/> is the library.</summary>
    public LibrarySettings? Library { get; init; }

    /// <summary>The channel's reference image (workspace-relative), sent to generators with every call; null: none.</summary>
    public string? ReferenceImage { get; init; }

    /// <summary>What sources that search look for: the shot's query, or its prompt when the script has none.</summary>
    public string Query => string.IsNullOrWhiteSpace(Shot.Query) ? Shot.Prompt : Shot.Query;

    /// <summary>
    /// True: render nothing, only ask the price of exactly this request (render_shot's <c>dryRun</c>, see
    /// <see cref="PaidTools"/>). The budget guard quotes every render this way before reserving it.
    /// </summary>
    public bool DryRun { get; init; }
}
