using System.Globalization;
using AiVideo.Core;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;

namespace AiVideo.Media.Similarity;

/// <summary>
/// Grabs a few decoded RGB24 frames of a clip (or the picture of an image) with one ffmpeg run, scaled to a given size.
/// </summary>
public sealed class FrameSampler(ProcessRunner runner, MediaProbe probe)
{
    /// <summary>Where in a clip frames are sampled (fractions of its length).</summary>
    public static readonly IReadOnlyList<double> ClipPoints = [0.2, 0.5, 0.8];

    /// <summary>The clip's width and height and the times (seconds) of <paramref name="points"/>, kept clear of the last frame.</summary>
    public async Task<(int Width, int Height, IReadOnlyList<double?> Times)> PlanAsync(string path, IReadOnlyList<double> points, CancellationToken cancellationToken)
    {
        var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        if (info.VideoCodec is null || info.Width == 0)
        {
            throw new InvalidInputException($"'{Path.GetFileName(path)}' has no video stream");
        }
        var duration = info.VideoDurationSec is > 0 ? info.VideoDurationSec.Value : info.DurationSec;
        // A still image (png, jpg) probes with no or a one-frame duration: its one picture is the frame.
        if (duration <= 0 || IsStillCodec(info.VideoCodec))
        {
            return (info.Width, info.Height, [null]);
        }
        var lastSafe = Math.Max(0, duration - (info.FrameRate > 0 ? 2 / info.FrameRate : 0.1));
        return (info.Width, info.Height, points.Select(p => (double?)Math.Min(p * duration, lastSafe)).ToList());
    }

    /// <summary>Frames at <paramref name="times"/> (null: the first frame), each scaled to exactly <paramref name="width"/>×<paramref name="height"/>.</summary>
    public async Task<IReadOnlyList<ImageFrame>> SampleAsync(string path, IReadOnlyList<double?> times, int width, int height, CancellationToken cancellationToken)
    {
        if (times.Count == 0) throw new ArgumentException("no frame times", nameof(times));
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        foreach (var t in times)
        {
            if (t is { } seconds)
            {
                args.AddRange(["-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture)]);
            }
            args.AddRange(["-i", path]);
        }
        var scale = $"scale={width}:{height}:flags=area,format=rgb24,setsar=1";
        var graph = times.Count == 1
            ? $"[0:v]{scale},trim=end_frame=1[out]"
            : string.Concat(times.Select((_, i) => $"[{i}:v]{scale},trim=end_frame=1[f{i}];"))
              + string.Concat(times.Select((_, i) => $"[f{i}]")) + $"vstack=inputs={times.Count}[out]";
        var temp = Path.Combine(Path.GetTempPath(), $"aivideo-sample-{Guid.NewGuid():N}.rgb");
        args.AddRange(["-filter_complex", graph, "-map", "[out]", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", temp]);
        try
        {
            var result = await runner.RunAsync("ffmpeg", args, cancellationToken).ConfigureAwait(false);
            var frameBytes = width * height * 3;
            if (result.ExitCode != 0 || !File.Exists(temp) || new FileInfo(temp).Length != (long)frameBytes * times.Count)
            {
                var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                    ?? "no frame decoded";
                throw new InvalidDataException($"could not read frames from '{Path.GetFileName(path)}': {reason}");
            }
            var all = await File.ReadAllBytesAsync(temp, cancellationToken).ConfigureAwait(false);
            return Enumerable.Range(0, times.Count).Select(i => new ImageFrame(width, height, all.AsSpan(i * frameBytes, frameBytes).ToArray())).ToList();
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    /// <summary>The size with the same aspect whose shorter side is <paramref name="shortSide"/> (both even).</summary>
    public static (int Width, int Height) FitShortSide(int width, int height, int shortSide)
    {
        if (width <= 0 || height <= 0) return (shortSide, shortSide);
        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
        return width <= height
            ? (Even(shortSide), Even(shortSide * (double)height / width))
            : (Even(shortSide * (double)width / height), Even(shortSide));
    }

    private static bool IsStillCodec(string codec) => codec is "png" or "mjpeg" or "jpeg" or "webp" or "bmp" or "tiff" or "gif";
}
