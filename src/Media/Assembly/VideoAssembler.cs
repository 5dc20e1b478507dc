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
/// optional music underneath (see <see cref="DuckingPlan"/>),
/// H.264 + AAC, yuv420p, +faststart, cut to the narration length. Written to a temporary file and moved into
/// place, so a cancelled or failed run never leaves a half-written video.
/// Loudness: loudnorm alone leaves espeak at ≈ −16 LUFS and cannot level clips under 3 s, so the narration is
/// compressed, measured once through that same chain (an audio-only analysis, ≈ 0.1 s per minute), and then given
/// the exact static gain to the target, with a limiter keeping true peak near −2 dBTP after AAC.
/// Music: the track is measured in parallel with the narration (its own integrated loudness), given the static gain that
/// puts it <see cref="AssemblyMusic.VolumeDb"/> under the target, looped (-stream_loop) or trimmed to the narration, faded
/// in and out, and ducked by a gain envelope planned from the narration pre-pass's silences; the limiter then sits after
/// the mix. Music in pauses is at least 10 LU under the voice (−18 by default), so it falls (about) below EBU R128's
/// relative gate and the mix stays on target. The encode pass also writes two small stems (the music before and after ducking) from which the ducking
/// actually mixed is measured; the output's loudness and probe run concurrently after the encode.
/// </summary>
public sealed class VideoAssembler(ProcessRunner runner, MediaProbe probe, AssCaptionWriter captions, AssCaptionReader reader, LoudnessMeter loudness)
{
    /// <summary>Evens out espeak's dynamics before the gain; shared by the measurement and the encode.</summary>
    public const string NarrationCompressor =
        "aformat=sample_fmts=fltp:channel_layouts=mono,acompressor=threshold=0.02:ratio=10:attack=2:release=60:makeup=6";

    public const string FontsDirectory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The voice counts as silent below this level (dBFS, after the compressor) for at least <see cref="MinSilenceSec"/>.</summary>
    public const double SilenceThresholdDb = -45, MinSilenceSec = 0.1;

    private readonly DuckingMeter _ducking = new();

    /// <summary>How far over the requested true peak the encoded audio may land before it is encoded again with more head-room.</summary>
    public const double TruePeakOvershootDb = 0.5;

    public async Task<AssemblyResult> AssembleAsync(AssemblyRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        Validate(request);
        Directory.CreateDirectory(Path.GetDirectoryName(request.OutputPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(request.SubtitlePath)!);
        await File.WriteAllTextAsync(request.SubtitlePath, captions.Write(request.Cues, request.Size), cancellationToken).ConfigureAwait(false);

        var stem = Path.Combine(Path.GetDirectoryName(request.OutputPath)!, $".{Path.GetFileNameWithoutExtension(request.OutputPath)}.{Guid.NewGuid():N}");
        var temp = stem + ".partial.mp4";
        var frames = (int)Math.Ceiling(request.NarrationDurationSec * request.Fps);
        var ffmpegProgress = new FfmpegProgress(frames, progress, request.Fps);
        var (gainDb, music) = await PlanAudioAsync(request, stem, cancellationToken).ConfigureAwait(false);
        try
        {
            Task<Core.Domain.MediaInfo> infoTask;
            Task<LoudnessReading> levelTask;
            Task<DuckingMeasurement?> duckingTask;
            await runner.RunCheckedAsync("ffmpeg", Arguments(request, temp, gainDb, music), cancellationToken, ffmpegProgress.OnStderrLine).ConfigureAwait(false);
            File.Move(temp, request.OutputPath, overwrite: true);
            for (var attempt = 1; ; attempt++)
            {
                infoTask = probe.ProbeAsync(request.OutputPath, cancellationToken);
                levelTask = loudness.MeasureAsync(request.OutputPath, cancellationToken);
                duckingTask = music is null
                    ? Task.FromResult<DuckingMeasurement?>(null)
                    : MeasureDuckingAsync(music, cancellationToken);
                await Task.WhenAll(infoTask, levelTask, duckingTask).ConfigureAwait(false);
                // AAC can lift a transient well over the limiter (up to +2.3 dB seen: −0.2 dBTP on a −2 target, about one
                // video in a thousand): the audio is encoded once more with the limiter lowered by the overshoot, and muxed
                // with the first pass's video stream as it is (an audio-only pass: no second video encode).
                if (attempt > 1 || levelTask.Result.TruePeakDbtp is not { } peak || peak <= request.TruePeakDbtp + TruePeakOvershootDb) break;
                var lowered = request with { TruePeakDbtp = request.TruePeakDbtp - (peak - request.TruePeakDbtp) };
                await runner.RunCheckedAsync("ffmpeg", AudioRedoArguments(lowered, request.OutputPath, temp, gainDb, music), cancellationToken).ConfigureAwait(false);
                File.Move(temp, request.OutputPath, overwrite: true);
            }
            progress?.Report(1);
            var burned = reader.Read(await File.ReadAllTextAsync(request.SubtitlePath, cancellationToken).ConfigureAwait(false));
            var mixed = music is null ? null : new MusicMixResult(music.TrackLufs, music.BedGainDb, duckingTask.Result!, music.FadeInSec, music.FadeOutSec);
            return new AssemblyResult(request.OutputPath, request.SubtitlePath, burned, infoTask.Result, mixed) { Loudness = levelTask.Result };
        }
        finally
        {
            foreach (var leftover in new[] { temp, music?.BedStemPath, music?.DuckedStemPath })
            {
                if (leftover is not null && File.Exists(leftover)) File.Delete(leftover);
            }
        }
    }

    /// <summary>
    /// The narration's gain to the target and, with music, the track's bed gain and the ducking plan: the narration
    /// analysis and the track's loudness are measured concurrently (two short audio-only passes).
    /// </summary>
    private async Task<(double GainDb, MusicMixPlan? Music)> PlanAudioAsync(AssemblyRequest request, string stem, CancellationToken cancellationToken)
    {
        if (request.Music is not { } music)
        {
            var measured = await loudness.MeasureAsync(request.NarrationPath, cancellationToken, NarrationCompressor).ConfigureAwait(false);
            return (GainTo(request.TargetLufs, measured.IntegratedLufs), null);
        }
        var narrationTask = loudness.MeasureWithSilencesAsync(request.NarrationPath, NarrationCompressor, SilenceThresholdDb, MinSilenceSec, cancellationToken);
        var trackTask = MeasureTrackAsync(music.Path, cancellationToken);
        await Task.WhenAll(narrationTask, trackTask).ConfigureAwait(false);
        var duration = request.NarrationDurationSec;
        var plan = new MusicMixPlan(
            music.Path,
            trackTask.Result.IntegratedLufs,
            GainTo(request.TargetLufs + music.VolumeDb, trackTask.Result.IntegratedLufs, min: -60),
            DuckingPlan.FromSilences(narrationTask.Result.Silences, duration, music.DuckDb),
            FadeInSec: Math.Round(Math.Min(1.0, duration / 8), 3),
            FadeOutSec: Math.Round(Math.Min(2.0, duration / 6), 3),
            stem + ".music-bed.f32",
            stem + ".music-ducked.f32");
        return (GainTo(request.TargetLufs, narrationTask.Result.Loudness.IntegratedLufs), plan);
    }

    private async Task<LoudnessReading> MeasureTrackAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await loudness.MeasureAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaToolException ex)
        {
            throw new InvalidDataException($"music track '{Path.GetFileName(path)}' is not audio ffmpeg can read ({ex.Message})", ex);
        }
    }

    private async Task<DuckingMeasurement?> MeasureDuckingAsync(MusicMixPlan plan, CancellationToken cancellationToken) =>
        await _ducking.MeasureAsync(plan.BedStemPath, plan.DuckedStemPath, plan.Ducking, plan.FadeInSec, plan.FadeOutSec, cancellationToken).ConfigureAwait(false);

    private static double GainTo(double targetLufs, double measuredLufs, double min = -20) =>
        double.IsFinite(measuredLufs) ? Math.Round(Math.Clamp(targetLufs - measuredLufs, min, 30), 2) : 0;

    /// <summary>The whole ffmpeg command line (public so the benchmark can time the same command by hand).</summary>
    /// <param name="gainDb">Static gain that brings the compressed narration to the target loudness.</param>
    /// <param name="music">The music mix (with <see cref="AssemblyRequest.Music"/>); null: narration only.</param>
    public static IReadOnlyList<string> Arguments(AssemblyRequest r, string output, double gainDb, MusicMixPlan? music = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-progress", "pipe:2", "-nostats" };
        foreach (var segment in r.Segments)
        {
            args.AddRange(["-i", segment.ClipPath]);
        }
        args.AddRange(["-i", r.NarrationPath]);
        if (music is not null)
        {
            args.AddRange(["-stream_loop", "-1", "-i", music.TrackPath]);
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

        graph.AddRange(AudioGraph(r, r.Segments.Count, gainDb, music));
        args.AddRange(["-filter_complex", string.Join(";", graph)]);
        args.AddRange(["-map", "[vout]", "-map", "[aout]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-r", r.Fps.ToString(inv)]);
        AddAudioOutput(args, r, output, music);
        return args;
    }

    /// <summary>
    /// The audio-only second pass: the narration (and music) mixed again with <paramref name="r"/>'s (lowered) limiter,
    /// muxed with the video stream of <paramref name="encoded"/> copied as it is.
    /// </summary>
    public static IReadOnlyList<string> AudioRedoArguments(AssemblyRequest r, string encoded, string output, double gainDb, MusicMixPlan? music = null)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-i", encoded, "-i", r.NarrationPath };
        if (music is not null)
        {
            args.AddRange(["-stream_loop", "-1", "-i", music.TrackPath]);
        }
        args.AddRange(["-filter_complex", string.Join(";", AudioGraph(r, 1, gainDb, music)), "-map", "0:v", "-map", "[aout]", "-c:v", "copy"]);
        AddAudioOutput(args, r, output, music);
        return args;
    }

    /// <summary>The narration levelled (and the music bed mixed under it), limited, as <c>[aout]</c> (and the stems' labels).</summary>
    private static List<string> AudioGraph(AssemblyRequest r, int narration, double gainDb, MusicMixPlan? music)
    {
        var inv = CultureInfo.InvariantCulture;
        var graph = new List<string>();
        // Sample-peak limit a little under the true-peak target: AAC encoding raises peaks.
        var limit = Math.Pow(10, (r.TruePeakDbtp - 0.5) / 20).ToString("0.###", inv);
        var limiter = $"alimiter=limit={limit}:attack=2:release=50:level=false";
        var level = $"[{narration}:a]{NarrationCompressor},volume={gainDb.ToString("0.##", inv)}dB,";
        if (music is null)
        {
            graph.Add(level + $"aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=mono,{limiter},"
                + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aout]");
            return graph;
        }
        var duration = r.NarrationDurationSec.ToString("0.###", inv);
        graph.Add(level + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[narr]");
        graph.Add(string.Create(inv, $"[{narration + 1}:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=duration={duration},asetpts=PTS-STARTPTS,")
            + string.Create(inv, $"volume={music.BedGainDb:0.##}dB,afade=t=in:st=0:d={music.FadeInSec:0.###},afade=t=out:st={r.NarrationDurationSec - music.FadeOutSec:0.###}:d={music.FadeOutSec:0.###},")
            + "asplit=2[mbed][mpre]");
        // Short frames (5 ms) so the per-frame gain of the ramps moves in small steps.
        graph.Add($"[mpre]asetnsamples=n=240,volume=volume='{music.Ducking.GainExpression()}':eval=frame,asplit=2[mduck][mstem]");
        graph.Add($"[narr][mduck]amix=inputs=2:duration=first:normalize=0,{limiter},aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aout]");
        return graph;
    }

    /// <summary>AAC audio, the length cut, fast start, deterministic muxing; with music the two measuring stems.</summary>
    private static void AddAudioOutput(List<string> args, AssemblyRequest r, string output, MusicMixPlan? music)
    {
        var inv = CultureInfo.InvariantCulture;
        args.AddRange(["-c:a", "aac", "-b:a", "160k", "-ar", "48000",
            "-t", r.NarrationDurationSec.ToString("0.###", inv),
            "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact", "-f", "mp4", output]);
        if (music is not null)
        {
            foreach (var (label, path) in new[] { ("[mbed]", music.BedStemPath), ("[mstem]", music.DuckedStemPath) })
            {
                args.AddRange(["-map", label, "-c:a", "pcm_f32le", "-ac", "1", "-ar", DuckingMeter.StemSampleRate.ToString(inv), "-f", "f32le", path]);
            }
        }
    }

    private static void Validate(AssemblyRequest r)
    {
        if (r.Segments.Count == 0) throw new ArgumentException("at least one shot is required");
        if (r.NarrationDurationSec <= 0) throw new ArgumentException("narration duration must be positive");
        if (r.Fps is < 1 or > 60) throw new ArgumentException($"fps {r.Fps} must be 1..60");
        foreach (var path in r.Segments.Select(s => s.ClipPath).Append(r.NarrationPath).Concat(r.Music is null ? [] : [r.Music.Path]))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"'{Path.GetFileName(path)}' does not exist");
        }
        if (r.Segments.Any(s => s.DurationSec <= 0)) throw new ArgumentException("every shot duration must be positive");
        if (r.Music is { VolumeDb: < AssemblyMusic.MinVolumeDb or > AssemblyMusic.MaxVolumeDb } or { DuckDb: < 0 or > AssemblyMusic.MaxDuckDb })
        {
            throw new ArgumentException($"music volume must be {AssemblyMusic.MinVolumeDb}..{AssemblyMusic.MaxVolumeDb} dB and its ducking 0..{AssemblyMusic.MaxDuckDb} dB");
        }
    }

    /// <summary>Escapes a value for an ffmpeg filter option (inside the filtergraph): \ ' : , ; [ ] and spaces.</summary>
    public static string EscapeFilterValue(string value)
    {
        var escaped = value.Replace("\\", "\\\\\\\\").Replace("'", "\\\\\\'").Replace(":", "\\\\:");
        return escaped.Replace(",", "\\,").Replace(";", "\\;").Replace("[", "\\[").Replace("]", "\\]").Replace(" ", "\\ ");
    }
}

/// <summary>How the music goes into the mix: track, bed gain, ducking plan, fades, and where the encode writes the two measuring stems.</summary>
public sealed record MusicMixPlan(string TrackPath, double TrackLufs, double BedGainDb, DuckingPlan Ducking, double FadeInSec, double FadeOutSec, string BedStemPath, string DuckedStemPath);
