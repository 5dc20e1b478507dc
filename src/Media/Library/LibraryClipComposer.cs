using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiVideo.Core.Domain;
using AiVideo.Media.Processes;
using AiVideo.Media.Render;

namespace AiVideo.Media.Library;

/// <summary>
/// Turns a shot's library parts into one clip with a single ffmpeg run: every part is scaled to cover the frame and
/// centre-cropped to the requested size (9:16), clips are trimmed (and slowed when the plan says so, never below
/// <see cref="BeatCoveragePlanner.MinSpeed"/>), stills get a slow zoom with a gentle pan whose direction comes from the
/// item's name, and the parts are joined. The clip has exactly round(duration × fps) frames, H.264, no audio, with the
/// procedural renderer's fixed encoder settings, so equal inputs give byte-identical clips. Written to a temporary
/// file and moved into place when complete.
/// </summary>
public sealed class LibraryClipComposer(ProcessRunner runner)
{
    /// <summary>How far a still zooms in over its part (1 → 1 + this).</summary>
    public const double StillZoom = 0.12;

    public async Task<double> ComposeAsync(string libraryFolder, IReadOnlyList<VisualPart> parts, VideoSize size, int fps, double durationSec, string outputPath,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        var frames = ProceduralSceneRenderer.FrameCount(durationSec, fps);
        var partFrames = PartFrames(parts, fps, frames);
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-nostats", "-progress", "pipe:2", "-stats_period", "0.25", "-filter_complex_threads", "2" };
        var graph = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var full = Path.GetFullPath(Path.Combine(libraryFolder, part.Item));
            arguments.AddRange(["-i", full]);
            graph.Append(part.Still ? StillChain(i, part, size, fps, partFrames[i]) : ClipChain(i, part, size, fps, partFrames[i])).Append(';');
        }
        for (var i = 0; i < parts.Count; i++) graph.Append(CultureInfo.InvariantCulture, $"[p{i}]");
        graph.Append(CultureInfo.InvariantCulture, $"concat=n={parts.Count}:v=1:a=0,setsar=1,format=yuv420p[out]");
        var gop = Math.Max(1, fps * 2).ToString(CultureInfo.InvariantCulture);

        var directory = Path.GetDirectoryName(outputPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.partial");
        arguments.AddRange([
            "-filter_complex", graph.ToString(), "-map", "[out]", "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-an",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-g", gop, "-threads", "2", "-pix_fmt", "yuv420p",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-movflags", "+faststart", "-f", "mp4", temp,
        ]);
        progress?.Report(0);
        var tracker = new FfmpegProgress(frames, progress);
        try
        {
            var result = await runner.RunAsync("ffmpeg", arguments, cancellationToken, tracker.OnStderrLine).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.Contains('=', StringComparison.Ordinal) || l.Contains(' ', StringComparison.Ordinal)).TakeLast(4);
                throw new MediaToolException("ffmpeg", result.ExitCode, string.Join(" | ", errors));
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        progress?.Report(1);
        return (double)frames / fps;
    }

    /// <summary>Frames per part, cut at the rounded cumulative times so they add up to the clip's frame count exactly.</summary>
    public static int[] PartFrames(IReadOnlyList<VisualPart> parts, int fps, int totalFrames)
    {
        var result = new int[parts.Count];
        double cumulative = 0;
        var previous = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            cumulative += parts[i].DurationSec;
            var end = i == parts.Count - 1 ? totalFrames : Math.Min(totalFrames, (int)Math.Round(cumulative * fps));
            result[i] = Math.Max(1, end - previous);
            previous = end;
        }
        return result;
    }

    private static string ClipChain(int index, VisualPart part, VideoSize size, int fps, int frames)
    {
        var speed = Math.Max(BeatCoveragePlanner.MinSpeed, part.Speed);
        // Source seconds the part consumes, plus a frame's margin; tpad + trim then make the frame count exact.
        var source = (frames / (double)fps) * speed + 1.0 / fps;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{index}:v]trim=start={part.StartSec:0.####}:duration={source:0.####},setpts=(PTS-STARTPTS)/{speed:0.####},fps={fps}," +
            $"scale={size.Width}:{size.Height}:force_original_aspect_ratio=increase:flags=bicubic,crop={size.Width}:{size.Height},setsar=1,format=yuv420p," +
            $"tpad=stop_mode=clone:stop={fps},trim=end_frame={frames},setpts=PTS-STARTPTS[p{index}]");
    }

    private static string StillChain(int index, VisualPart part, VideoSize size, int fps, int frames)
    {
        // Work at twice the output size so the slow zoom does not step from pixel to pixel.
        var (w2, h2) = (size.Width * 2, size.Height * 2);
        var (from, to) = PanDirection(part.Item);
        var n = Math.Max(1, frames - 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{index}:v]scale={w2}:{h2}:force_original_aspect_ratio=increase:flags=bicubic,crop={w2}:{h2},setsar=1," +
            $"zoompan=z='1+{StillZoom:0.###}*on/{n}':x='(iw-iw/zoom)*({from:0.##}+{to - from:0.##}*on/{n})':y='(ih-ih/zoom)/2':d={frames}:s={size.Width}x{size.Height}:fps={fps}," +
            $"setsar=1,format=yuv420p,trim=end_frame={frames},setpts=PTS-STARTPTS[p{index}]");
    }

    /// <summary>Left to right, right to left or straight in, chosen from the item's name (stable across processes).</summary>
    private static (double From, double To) PanDirection(string item) =>
        (SHA256.HashData(Encoding.UTF8.GetBytes(item))[0] % 3) switch
        {
            0 => (0.3, 0.7),
            1 => (0.7, 0.3),
            _ => (0.5, 0.5),
        };
}
