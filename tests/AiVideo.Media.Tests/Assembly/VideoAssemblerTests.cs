using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Media.Assembly;
using AiVideo.Media.Captions;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Assembly;

/// <summary>Real ffmpeg on tiny inputs (180x320, ~2 s).</summary>
public class VideoAssemblerTests : IDisposable
{
    private static readonly VideoSize Size = new(180, 320);
    private readonly TempDirectory _dir = new("aivideo-assembly");
    private readonly ProcessRunner _runner = new();
    private readonly VideoAssembler _assembler;
    private readonly MediaProbe _probe;

    public VideoAssemblerTests()
    {
        _probe = new MediaProbe(_runner);
        _assembler = new VideoAssembler(_runner, _probe, new AssCaptionWriter(), new AssCaptionReader(), new LoudnessMeter(_runner));
    }

    private async Task<string> Clip(string name, string color, double seconds)
    {
        var path = _dir.Combine(name);
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={color}:s=160x284:d={seconds}:r=24", "-c:v", "libx264", "-pix_fmt", "yuv420p", path], default);
        return path;
    }

    private async Task<(string Path, double Seconds, WordTiming[] Words)> Narration()
    {
        var path = _dir.Combine("narration.wav");
        await _runner.RunCheckedAsync("espeak-ng", ["-w", path, "Honey never spoils in a sealed jar."], default);
        var seconds = (await _probe.ProbeAsync(path, default)).DurationSec;
        var words = "Honey never spoils in a sealed jar.".Split(' ').Select((w, i) => new WordTiming(w, (int)(i * seconds * 1000 / 7), (int)((i + 1) * seconds * 1000 / 7))).ToArray();
        return (path, seconds, words);
    }

    private async Task<AssemblyRequest> Request(string output, bool captions = true)
    {
        var (narration, seconds, words) = await Narration();
        var shortClip = await Clip("a.mp4", "navy", 0.5);       // shorter than its share: held
        var longClip = await Clip("b.mp4", "darkgreen", 5);     // longer than its share: trimmed
        var cues = captions ? new CaptionCueBuilder().Build(words) : [];
        return new AssemblyRequest([new(shortClip, seconds / 2), new(longClip, seconds / 2)], narration, seconds, cues, Size, 24,
            _dir.Combine(output), _dir.Combine(Path.ChangeExtension(output, ".ass")));
    }

    [Fact]
    public async Task Assemble_PlatformReadyFile_AsLongAsTheNarration()
    {
        var request = await Request("out.mp4");
        var progress = new List<double>();
        var result = await _assembler.AssembleAsync(request, new SyncProgress(progress.Add), default);

        var info = result.Info;
        Assert.Equal(("h264", "aac", "yuv420p", 180, 320), (info.VideoCodec, info.AudioCodec, info.PixelFormat, info.Width, info.Height));
        Assert.True(info.FastStart);
        Assert.InRange(info.DurationSec, request.NarrationDurationSec - 0.1, request.NarrationDurationSec + 0.1);
        Assert.Equal(request.Cues.Count, result.BurnedCues.Count);
        Assert.Equal(1, progress[^1]);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.partial.mp4"));
    }

    [Fact]
    public async Task Assemble_NarrationLevelledToAboutMinus14Lufs()
    {
        var result = await _assembler.AssembleAsync(await Request("loud.mp4"), null, default);
        var level = await new LoudnessMeter(_runner).MeasureAsync(result.OutputPath, default);
        Assert.InRange(level.IntegratedLufs, -15.5, -12.5);
        Assert.True(level.TruePeakDbtp <= -1.0, $"true peak {level.TruePeakDbtp}");
    }

    [Fact]
    public async Task Assemble_AnOnsetLiftedOverTheLimiter_EncodedAgainUnderTheTruePeakTarget()
    {
        // The narration of the one video in 1000 that the reliability benchmark's own check found at −0.2 dBTP (target −2),
        // kept as it was synthesised (espeak-ng, en-us at 200 wpm): levelled by 10 dB, one word's onset passes the limiter.
        var narration = Path.Combine(RepoPaths.Root, "tests", "AiVideo.Media.Tests", "Fixtures", "onset-overshoot.wav");
        var seconds = (await _probe.ProbeAsync(narration, default)).DurationSec;
        var clip = await Clip("c.mp4", "navy", seconds);
        var request = new AssemblyRequest([new(clip, seconds)], narration, seconds, [], Size, 24, _dir.Combine("fact460.mp4"), _dir.Combine("fact460.ass"));

        var result = await _assembler.AssembleAsync(request, null, default);

        var level = await new LoudnessMeter(_runner).MeasureAsync(result.OutputPath, default);
        Assert.True(level.TruePeakDbtp <= request.TruePeakDbtp + 0.5, $"true peak {level.TruePeakDbtp}");
        Assert.Equal(level.TruePeakDbtp, result.Loudness!.TruePeakDbtp); // the reading reported is the final file's
        Assert.InRange(level.IntegratedLufs, -15.5, -12.5);
        // The second pass is audio-only, muxed with the first pass's video: the file is still complete and in sync.
        Assert.Equal(("h264", "aac", 180, 320), (result.Info.VideoCodec, result.Info.AudioCodec, result.Info.Width, result.Info.Height));
        Assert.True(result.Info.FastStart);
        Assert.InRange(result.Info.VideoDurationSec!.Value - result.Info.AudioDurationSec!.Value, -0.1, 0.1);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.partial.mp4"));
    }

    [Fact]
    public void AudioRedo_CopiesTheEncodedVideo_AndMixesMusicWithItsStemsAgain()
    {
        var request = new AssemblyRequest([new("/clips/a.mp4", 1)], "/n.wav", 2, [], Size, 24, "/out/v.mp4", "/out/v.ass", TruePeakDbtp: -3.1);
        var music = new MusicMixPlan("/m/track.mp3", -20, -12, DuckingPlan.FromSilences([], 2, 12), 0.25, 0.33, "/tmp/bed.f32", "/tmp/ducked.f32");

        var args = VideoAssembler.AudioRedoArguments(request, "/out/v.mp4", "/out/v.redo.mp4", 9.5, music);

        var text = string.Join(' ', args);
        Assert.Contains("-i /out/v.mp4 -i /n.wav -stream_loop -1 -i /m/track.mp3", text);
        Assert.Contains("-map 0:v -map [aout] -c:v copy", text);
        Assert.DoesNotContain("libx264", text);
        Assert.Contains("[1:a]" + VideoAssembler.NarrationCompressor + ",volume=9.5dB", text);
        Assert.Contains("[2:a]aformat", text);
        Assert.Contains($"alimiter=limit={Math.Pow(10, (-3.1 - 0.5) / 20).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", text);
        Assert.Contains("/tmp/bed.f32", text);
        Assert.Contains("/tmp/ducked.f32", text);
        Assert.EndsWith("/tmp/ducked.f32", text);
    }

    [Fact]
    public async Task Assemble_CaptionsAreBurnedIntoTheFrames()
    {
        var with = await _assembler.AssembleAsync(await Request("with.mp4"), null, default);
        var without = await _assembler.AssembleAsync(await Request("without.mp4", captions: false), null, default);
        var at = (with.BurnedCues[0].StartMs + with.BurnedCues[0].EndMs) / 2000.0;
        Assert.NotEqual(await Frame(with.OutputPath, at), await Frame(without.OutputPath, at));
        Assert.Equal(await Frame(with.OutputPath, 0.02, topOnly: true), await Frame(without.OutputPath, 0.02, topOnly: true));
    }

    [Fact]
    public async Task Assemble_Cancelled_LeavesNoOutput()
    {
        var request = await Request("cancel.mp4");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _assembler.AssembleAsync(request, null, cts.Token));
        Assert.False(File.Exists(request.OutputPath));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.partial.mp4"));
    }

    [Fact]
    public async Task Assemble_MissingClip_ClearError()
    {
        var request = await Request("missing.mp4");
        var bad = request with { Segments = [new(_dir.Combine("nope.mp4"), 1)] };
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => _assembler.AssembleAsync(bad, null, default));
        Assert.Contains("nope.mp4", ex.Message);
    }

    /// <summary>Raw grey pixels of one frame (the top quarter only, where no caption is drawn, when asked).</summary>
    private async Task<string> Frame(string path, double seconds, bool topOnly = false)
    {
        var png = _dir.Combine($"f-{Guid.NewGuid():N}.gray");
        var crop = topOnly ? ",crop=iw:ih/4:0:0" : "";
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", path, "-frames:v", "1", "-vf", $"format=gray{crop}", "-f", "rawvideo", png], default);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(png)));
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    public void Dispose() => _dir.Dispose();
}
