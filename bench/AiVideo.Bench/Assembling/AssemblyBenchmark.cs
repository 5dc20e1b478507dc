using System.Diagnostics;
using System.Globalization;
using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Media.Assembly;
using AiVideo.Media.Captions;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Media.Speech;

namespace AiVideo.Bench.Assembling;

/// <summary>
/// <c>bench assembly [--size 1080x1920] [--seconds 60] [--music TRACK]</c> (issues 2, 12): VideoAssembler vs one hand-written
/// ffmpeg command producing the same output. The assembler's time is its whole call: narration (and track) pre-pass, the
/// encode, and the post-encode probe, output loudness and ducking measurement. With <c>--music</c> both mix the track under
/// the narration: the assembler with its planned ducking, the hand-written command with a sidechain compressor keyed by
/// the narration (what a person would type), both looped, faded and trimmed.
/// </summary>
public static class AssemblyBenchmark
{
    public static async Task RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var size = VideoSize.Vertical1080;
        var seconds = 60;
        string? music = null;
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--size") size = VideoSize.Parse(args[i + 1]);
            if (args[i] == "--seconds") seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--music") music = Path.GetFullPath(args[i + 1]);
        }
        if (music is not null && !File.Exists(music)) throw new FileNotFoundException($"music track '{music}' does not exist");

        var dir = Directory.CreateTempSubdirectory("aivideo-bench-assembly").FullName;
        var runner = new ProcessRunner();
        var probe = new MediaProbe(runner);
        try
        {
            stdout.WriteLine($"preparing {seconds} s of inputs at {size} in {dir} …");
            var sentence = "The Moon moves about four centimetres farther from Earth every year, and tides are the reason. ";
            var text = string.Concat(Enumerable.Repeat(sentence, Math.Max(1, seconds / 5)));
            using var voice = new EspeakVoiceProvider();
            var narrationPath = Path.Combine(dir, "narration.wav");
            var speech = await voice.SynthesizeAsync(new AiVideo.Core.Providers.SpeechRequest(text, "en-us", 165, narrationPath), default);

            const int shotCount = 6;
            var share = speech.DurationSec / shotCount;
            var clips = new List<string>();
            for (var s = 0; s < shotCount; s++)
            {
                var clip = Path.Combine(dir, $"shot{s}.mp4");
                await runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i",
                    $"gradients=s={size.Width / 4}x{size.Height / 4}:d={Math.Ceiling(share) + 1}:r=30:seed={s}", "-vf", $"scale={size.Width}:{size.Height}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip], default);
                clips.Add(clip);
            }
            var cues = new CaptionCueBuilder().Build(speech.Words);
            var request = new AssemblyRequest(clips.Select(c => new AssemblySegment(c, share)).ToList(), narrationPath, speech.DurationSec, cues, size, 30,
                Path.Combine(dir, "assembled.mp4"), Path.Combine(dir, "captions.ass"), music is null ? null : new AssemblyMusic(music));

            var assembler = new VideoAssembler(runner, probe, new AssCaptionWriter(), new AssCaptionReader(), new LoudnessMeter(runner));
            var watch = Stopwatch.StartNew();
            var assembled = await assembler.AssembleAsync(request, null, default);
            var assembleSec = watch.Elapsed.TotalSeconds;

            // What a person would type: the same graph, loudnorm for levelling, same encoder settings.
            var inv = CultureInfo.InvariantCulture;
            var handArgs = new List<string> { "-v", "error", "-y" };
            foreach (var c in clips) handArgs.AddRange(["-i", c]);
            handArgs.AddRange(["-i", narrationPath]);
            if (music is not null) handArgs.AddRange(["-stream_loop", "-1", "-i", music]);
            var d = share.ToString("0.###", inv);
            var graph = string.Join(";", clips.Select((_, i) =>
                $"[{i}:v]scale={size.Width}:{size.Height}:force_original_aspect_ratio=increase,crop={size.Width}:{size.Height},setsar=1,fps=30,tpad=stop_mode=clone:stop_duration={d},trim=duration={d},setpts=PTS-STARTPTS[v{i}]"))
                + $";{string.Concat(clips.Select((_, i) => $"[v{i}]"))}concat=n={clips.Count}:v=1:a=0,subtitles={Path.Combine(dir, "captions.ass")},format=yuv420p[v]"
                + (music is null
                    ? $";[{clips.Count}:a]loudnorm=I=-14:TP=-2,aformat=sample_rates=48000:channel_layouts=stereo[a]"
                    : $";[{clips.Count}:a]loudnorm=I=-14:TP=-2,aformat=sample_rates=48000:channel_layouts=stereo,asplit[voice][key]"
                        + $";[{clips.Count + 1}:a]aformat=sample_rates=48000:channel_layouts=stereo,atrim=duration={speech.DurationSec.ToString("0.###", inv)},volume=0.12,"
                        + $"afade=t=in:d=1,afade=t=out:st={(speech.DurationSec - 2).ToString("0.###", inv)}:d=2[bed]"
                        + ";[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked];[voice][ducked]amix=inputs=2:duration=first:normalize=0[a]");
            handArgs.AddRange(["-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-r", "30", "-c:a", "aac", "-b:a", "160k", "-t", speech.DurationSec.ToString("0.###", inv), "-movflags", "+faststart", Path.Combine(dir, "hand.mp4")]);
            watch.Restart();
            await runner.RunCheckedAsync("ffmpeg", handArgs, default);
            var handSec = watch.Elapsed.TotalSeconds;

            var level = await new LoudnessMeter(runner).MeasureAsync(request.OutputPath, default);
            stdout.WriteLine($"narration: {speech.DurationSec:0.0} s, {speech.Words.Count} words, {cues.Count} cues");
            stdout.WriteLine($"VideoAssembler:            {assembleSec:0.0} s  ({level.IntegratedLufs:0.0} LUFS, true peak {level.TruePeakDbtp:0.0} dBTP)");
            if (assembled.Music is { } mixed)
            {
                stdout.WriteLine($"music:                     {Path.GetFileName(music)} at {mixed.BedGainDb:+0.0;-0.0} dB, ducked {mixed.Ducking.DepthDb:0.0} dB under the voice "
                    + $"(music {mixed.Ducking.LevelDuringSpeechDbfs:0.0} dBFS under speech, {(mixed.Ducking.LevelInPausesDbfs is { } p ? $"{p:0.0} dBFS" : "n/a")} in pauses)");
            }
            stdout.WriteLine($"hand-written ffmpeg:       {handSec:0.0} s");
            stdout.WriteLine($"ratio assembler/hand:      {assembleSec / handSec:0.00} (target <= 1.10)");
            stdout.WriteLine($"load average:              {File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => a + " " + b)}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
