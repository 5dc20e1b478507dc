namespace AiVideo.Core.Domain;

/// <summary>A rendered clip for one shot.</summary>
public sealed record RenderedShot(
    string ShotId,
    string ClipPath,
    string Provider,
    int Seed,
    double DurationSec,
    int Attempt,
    decimal CostUsd,
    double? Similarity = null)
{
    /// <summary>The visual source that filled the shot (<see cref="VisualSources"/>).</summary>
    public string Source { get; init; } = VisualSources.Procedural;

    /// <summary>What the clip is made of and how well each piece matched the shot's query (empty: not reported).</summary>
    public IReadOnlyList<VisualPart> Parts { get; init; } = [];

    /// <summary>What an operator should know about the clip (joined with another pick, slowed); null: nothing.</summary>
    public string? Note { get; init; }
}
