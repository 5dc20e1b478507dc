namespace AiVideo.Media.Similarity;

/// <param name="Width">Frame width of the clip as probed.</param>
/// <param name="Height">Frame height of the clip as probed.</param>
/// <param name="MeanLuma">Mean Rec. 709 luma over the sampled frames, 0 (black) .. 1 (white).</param>
/// <param name="DarkestFrameLuma">Luma of the darkest sampled frame (a clip that cuts to black part-way).</param>
/// <param name="Motion">Mean absolute difference between consecutive sampled frames (0..255).</param>
/// <param name="Frozen">True when the sampled frames are practically identical (a stuck clip; a still with pan/zoom moves).</param>
/// <param name="FramesSampled">How many frames were looked at.</param>
public sealed record FootageMeasurement(int Width, int Height, double MeanLuma, double DarkestFrameLuma, double Motion, bool Frozen, int FramesSampled);

/// <summary>
/// Technical sanity of found footage (library, stock) after it was cropped and trimmed to the shot: its size as probed,
/// how bright it is (five small frames at 10/30/50/70/90% of the clip) and whether it moves. What passes is the gate's
/// call (Core); this only measures.
/// </summary>
public sealed class FootageCheck(FrameSampler sampler)
{
    public const int SampleWidth = 48;
    public const int SampleHeight = 84;

    private static readonly double[] Points = [0.1, 0.3, 0.5, 0.7, 0.9];

    public async Task<FootageMeasurement> MeasureAsync(string clipPath, CancellationToken cancellationToken)
    {
        var (width, height, times) = await sampler.PlanAsync(clipPath, Points, cancellationToken).ConfigureAwait(false);
        // Sampled at a portrait thumbnail size whatever the clip's shape: luma and motion do not depend on the aspect.
        var frames = await sampler.SampleAsync(clipPath, times, SampleWidth, SampleHeight, cancellationToken).ConfigureAwait(false);
        var lumas = frames.Select(f => f.MeanLuma()).ToList();
        var motion = frames.Count < 2 ? 0 : Enumerable.Range(1, frames.Count - 1).Average(i => frames[i - 1].MeanAbsoluteDifference(frames[i]));
        var frozen = frames.Count >= 2 && motion < ShotSimilarity.FrozenMotionThreshold;
        return new FootageMeasurement(width, height, Math.Round(lumas.Average(), 4), Math.Round(lumas.Min(), 4), Math.Round(motion, 3), frozen, frames.Count);
    }
}
