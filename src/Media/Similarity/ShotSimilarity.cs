using System.Globalization;
using AiVideo.Core;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;

namespace AiVideo.Media.Similarity;

/// <param name="Similarity">0..1; compare against the channel's drift threshold.</param>
/// <param name="Method">How it was measured (<see cref="ShotSimilarity.MethodName"/>).</param>
/// <param name="FramesCompared">Frames sampled from the clip.</param>
/// <param name="ColorScore">Mean colour-histogram intersection of the sampled frames with the reference.</param>
/// <param name="Motion">Mean absolute difference between consecutive sampled frames (0..255 scale).</param>
/// <param name="Frozen">True when the sampled frames are practically identical (a still or stuck clip).</param>
public sealed record SimilarityResult(double Similarity, string Method, int FramesCompared, double ColorScore, double Motion, bool Frozen);

/// <summary>
/// How close a clip stays to a channel's look. Samples three frames (at 20/50/80% of the clip), shrinks them to
/// 48×84, and compares their coarse HSV colour histograms with the reference image's (histogram intersection).
/// </summary>
/// <remarks>
/// For the procedural provider the drift that matters is the channel palette, which is what this measures:
/// same-seed shots with different prompts share the palette and score high, other seeds' palettes score low,
/// a black frame lands in the near-black bin no palette uses. It is deliberately blind to layout (every prompt
/// has a different layout) and so it cannot see character drift — that needs a real similarity model
/// (design §6). A frozen clip (sampled frames identical) has its score halved so it fails the gate.
/// </remarks>
public sealed class ShotSimilarity(ProcessRunner runner, MediaProbe probe)
{
    public const string MethodName = "hsv-histogram-intersection";
    public const int SampleWidth = 48;
    public const int SampleHeight = 84;

    /// <summary>Below this mean absolute difference (0..255) between sampled frames a clip counts as frozen.</summary>
    public const double FrozenMotionThreshold = 0.15;

    private static readonly double[] SamplePoints = [0.2, 0.5, 0.8];

    public async Task<SimilarityResult> CompareAsync(string clipPath, string referencePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(referencePath))
        {
            throw new FileNotFoundException($"reference image '{Path.GetFileName(referencePath)}' does not exist");
        }
        var info = await probe.ProbeAsync(clipPath, cancellationToken).ConfigureAwait(false);
        if (info.VideoCodec is null || info.Width == 0)
        {
            throw new InvalidInputException($"'{Path.GetFileName(clipPath)}' has no video stream");
        }

        var duration = info.VideoDurationSec is > 0 ? info.VideoDurationSec.Value : info.DurationSec;
        var lastSafe = Math.Max(0, duration - (info.FrameRate > 0 ? 2 / info.FrameRate : 0.1));
        double?[] times = duration > 0
            ? SamplePoints.Select(p => (double?)Math.Min(p * duration, lastSafe)).ToArray()
            : [0.0];

        var frames = await SampleFramesAsync(clipPath, times, cancellationToken).ConfigureAwait(false);
        var reference = (await SampleFramesAsync(referencePath, [null], cancellationToken).ConfigureAwait(false))[0];
        var referenceHistogram = ColorHistogram.FromRgb24(reference);

        var histograms = frames.Select(f => ColorHistogram.FromRgb24(f)).ToList();
        var colorScore = histograms.Average(h => h.Intersection(referenceHistogram));
        var motion = frames.Count < 2
            ? double.NaN
            : Enumerable.Range(1, frames.Count - 1).Average(i => MeanAbsoluteDifference(frames[i - 1], frames[i]));
        var frozen = frames.Count >= 2 && motion < FrozenMotionThreshold;
        var similarity = Math.Round(frozen ? colorScore * 0.5 : colorScore, 4);
        return new SimilarityResult(similarity, MethodName, frames.Count, Math.Round(colorScore, 4), double.IsNaN(motion) ? 0 : Math.Round(motion, 3), frozen);
    }

    /// <summary>Grabs one small RGB24 frame per time (null = first frame) in a single ffmpeg run.</summary>
    private async Task<List<byte[]>> SampleFramesAsync(string path, IReadOnlyList<double?> times, CancellationToken cancellationToken)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        foreach (var t in times)
        {
            if (t is { } seconds)
            {
                args.AddRange(["-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture)]);
            }
            args.AddRange(["-i", path]);
        }
        var scale = $"scale={SampleWidth}:{SampleHeight}:flags=area,format=rgb24,setsar=1";
        var graph = times.Count == 1
            ? $"[0:v]{scale}[out]"
            : string.Concat(times.Select((_, i) => $"[{i}:v]{scale},trim=end_frame=1[f{i}];"))
              + string.Concat(times.Select((_, i) => $"[f{i}]")) + $"vstack=inputs={times.Count}[out]";
        var temp = Path.Combine(Path.GetTempPath(), $"aivideo-frames-{Guid.NewGuid():N}.rgb");
        args.AddRange(["-filter_complex", graph, "-map", "[out]", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", temp]);
        try
        {
            var result = await runner.RunAsync("ffmpeg", args, cancellationToken).ConfigureAwait(false);
            var frameBytes = SampleWidth * SampleHeight * 3;
            if (result.ExitCode != 0 || !File.Exists(temp) || new FileInfo(temp).Length != frameBytes * times.Count)
            {
                var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                    ?? "no frame decoded";
                throw new InvalidDataException($"could not read frames from '{Path.GetFileName(path)}': {reason}");
            }
            var all = await File.ReadAllBytesAsync(temp, cancellationToken).ConfigureAwait(false);
            return Enumerable.Range(0, times.Count).Select(i => all.AsSpan(i * frameBytes, frameBytes).ToArray()).ToList();
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }
        return (double)sum / a.Length;
    }
}
