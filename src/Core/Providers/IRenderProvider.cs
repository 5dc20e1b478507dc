using AiVideo.Core.Domain;

namespace AiVideo.Core.Providers;

/// <summary>Renders one clip per shot. Equal requests give equal clips for deterministic providers.</summary>
public interface IRenderProvider
{
    string Name { get; }

    /// <summary>
    /// What rendering exactly this request would cost (USD), without rendering: cheap, local, no side effects. The Host
    /// reserves it against the channel's budget before the call (render_shot's <c>dryRun</c>); 0 for a free provider.
    /// Required of every provider, so a paid one can never be free by omission.
    /// </summary>
    decimal EstimateCostUsd(ShotRenderRequest request);

    /// <summary>Writes an H.264 clip (no audio) to <see cref="ShotRenderRequest.OutputPath"/> (absolute).</summary>
    Task<ShotRenderResult> RenderAsync(ShotRenderRequest request, IProgress<double>? progress, CancellationToken cancellationToken);
}

/// <param name="Prompt">What the shot shows.</param>
/// <param name="ChannelSeed">The channel's locked visual seed.</param>
/// <param name="Attempt">1 for the first render; re-renders after a drift failure count up.</param>
/// <param name="Overlay">The shot's key phrase for kinetic typography (sources that draw text); null: none.</param>
/// <param name="Font">Font family of the overlay (fontconfig name); null: the provider's default.</param>
public sealed record ShotRenderRequest(
    string Prompt,
    int ChannelSeed,
    VideoSize Size,
    double DurationSec,
    int Fps,
    string OutputPath,
    int Attempt = 1,
    string? Overlay = null,
    string? Font = null);

/// <param name="CostUsd">What this render actually cost (USD), as the provider bills it.</param>
public sealed record ShotRenderResult(double DurationSec, int SeedUsed, decimal CostUsd, string StyleId);
