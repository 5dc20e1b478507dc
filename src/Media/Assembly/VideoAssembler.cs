using System.Globalization;
using AiVideo.Media.Captions;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Media.Render;

namespace AiVideo.Media.Assembly;

/// <summary>
/// Deterministic assembly in ONE ffmpeg encode pass: every shot scaled/cropped to the output size and held or trimmed
/// to its segment length, concatenated, captions burned from the ASS file, narration levelled to the target loudness,
/// optional music underneath,
/// H.264 + AAC, yuv420p, +faststart, cut to the narration length. Written to a temporary file and moved into
/// place, so a cancelled or failed run never leaves a half-written video.
/// Loudness: loudnorm alone leaves espeak at ≈ −16 LUFS and cannot level clips under 3 s, so the narration is
/// compressed, measured once through that same chain (an audio-only analysis, ≈ 0.1 s per minute), and then given
/// the exact static gain to the target, with a limiter keeping true peak near −2 dBTP after AAC.
/// </summary>
public sealed class VideoAssembler(ProcessRunner runner, MediaProbe probe, AssCaptionWriter captions, AssCaptionReader reader, LoudnessMeter loudness)
{
    /// <summary>Evens out espeak's dynamics before the gain; shared by the measurement and the encode.</summary>
    public const string NarrationCompressor =
        "aformat=sample_fmts=fltp:channel_layouts=mono,acompressor=threshold=0.02:ratio=10:attack=2:release=60:makeup=6";

    public const string FontsDirectory = "/usr/share/fonts/truetype/dejavu";

    public async Task<AssemblyResult> AssembleAsync(AssemblyRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        Validate(request);
        Directory.CreateDirectory(Path.GetDirectoryName(request.OutputPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(request.SubtitlePath)!);
        await File.WriteAllTextAsync(request.SubtitlePath, captions.Write(request.Cues, request.Size), cancellationToken).ConfigureAwait(false);

        var temp = Path.Combine(Path.GetDirectoryName(request.OutputPath)!, $".{Path.GetFileNameWithoutExtension(request.OutputPath)}.{Guid.NewGuid():N}.partial.mp4");
        var frames = (int)Math.Ceiling(request.NarrationDurationSec * request.Fps);
        var ffmpegProgress = new FfmpegProgress(frames, progress, request.Fps);
        var measured = await loudness.MeasureAsync(request.NarrationPath, cancellationToken, NarrationCompressor).ConfigureAwait(false);
        var gainDb = double.IsFinite(measured.IntegratedLufs) ? Math.Clamp(request.TargetLufs - measured.IntegratedLufs, -20, 30) : 0;
        try
        {
            await runner.RunCheckedAsync("ffmpeg", Arguments(request, temp, gainDb), cancellationToken, ffmpegProgress.OnStderrLine).ConfigureAwait(false);
            File.Move(temp, request.OutputPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        progress?.Report(1);
        var burned = reader.Read(await File.ReadAllTextAsync(request.SubtitlePath, cancellationToken).ConfigureAwait(false));
        var info = await probe.ProbeAsync(request.OutputPath, cancellationToken).ConfigureAwait(false);
        return new AssemblyResult(request.OutputPath, request.SubtitlePath, burned, info);
    }

    /// <summary>The whole ffmpeg command line (public so the benchmark can time the same command by hand).</summary>
    /// <param name="gainDb">Static gain that brings the compressed narration to the target loudness.</param>
    public static IReadOnlyList<string> Arguments(AssemblyRequest r, string output, double gainDb)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-progress", "pipe:2", "-nostats" };
        foreach (var segment in r.Segments)
        {
            args.AddRange(["-i", segment.ClipPath]);
        }
        args.AddRange(["-i", r.NarrationPath]);
        if (r.MusicPath is not null)
        {
            args.AddRange(["-stream_loop", "-1", "-i", r.MusicPath]);
        }

        var (w, h) = (r.Size.Width, r.Size.Height);
        var graph = new List<string>();
        for (var i = 0; i < r.Segments.Count; i++)
        {
            var d = r.Segments[i].DurationSec.ToString("0.###", inv);
            graph.Add($"[{i}:v]scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},setsar=1,fps={r.Fps},tpad=stop_mode=clone:stop_duration={d},trim=duration={d},setpts=PTS-STARTPTS[v{i}]");
        }
        var subtitles = $"subtitles=filename={EscapeFilterValue(r.SubtitlePath)}:fontsdir={EscapeFilterValue(FontsDirectory)}";
        graph.Add($"{string.Concat(Enumerable.Range(0, r.Segments.Count).Select(i => $"[v{i}]"))}concat=n={r.Segments.Count}:v=1:a=0,{subtitles},format=yuv420p[vout]");

        var narration = r.Segments.Count;
        // Sample-peak limit a little under the true-peak target: AAC encoding raises peaks.
        var limit = Math.Pow(10, (r.TruePeakDbtp - 0.5) / 20).ToString("0.###", inv);
        var level = $"[{narration}:a]{NarrationCompressor},volume={gainDb.ToString("0.##", inv)}dB,"
            + $"aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=mono,alimiter=limit={limit}:attack=2:release=50:level=false,"
            + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
        if (r.MusicPath is null)
        {
            graph.Add(level + "[aout]");
        }
        else
        {
            graph.Add(level + "[narr]");
            graph.Add($"[{narration + 1}:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=0.12[music]");
            graph.Add("[narr][music]amix=inputs=2:duration=first:normalize=0[aout]");
        }

        args.AddRange(["-filter_complex", string.Join(";", graph)]);
        args.AddRange(["-map", "[vout]", "-map", "[aout]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-r", r.Fps.ToString(inv),
            "-c:a", "aac", "-b:a", "160k", "-ar", "48000",
            "-t", r.NarrationDurationSec.ToString("0.###", inv),
            "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact", "-f", "mp4", output]);
        return args;
    }

    private static void Validate(AssemblyRequest r)
    {
        if (r.Segments.Count == 0) throw new ArgumentException("at least one shot is required");
        if (r.NarrationDurationSec <= 0) throw new ArgumentException("narration duration must be positive");
        if (r.Fps is < 1 or > 60) throw new ArgumentException($"fps {r.Fps} must be 1..60");
        foreach (var path in r.Segments.Select(s => s.ClipPath).Append(r.NarrationPath).Concat(r.MusicPath is null ? [] : [r.MusicPath]))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"'{Path.GetFileName(path)}' does not exist");
        }
        if (r.Segments.Any(s => s.DurationSec <= 0)) throw new ArgumentException("every shot duration must be positive");
    }

    /// <summary>Escapes a value for an ffmpeg filter option (inside the filtergraph): \ ' : , ; [ ] and spaces.</summary>
    public static string EscapeFilterValue(string value)
    {
        var escaped = value.Replace("\\", "\\\\\\\\").Replace("'", "\\\\\\'").Replace(":", "\\\\:");
        return escaped.Replace(",", "\\,").Replace(";", "\\;").Replace("[", "\\[").Replace("]", "\\]").Replace(" ", "\\ ");
    }
}
