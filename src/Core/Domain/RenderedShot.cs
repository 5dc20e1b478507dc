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
    double? Similarity = null);
