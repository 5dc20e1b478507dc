using System.Globalization;
using System.Text.RegularExpressions;
using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Media.Assembly;
using AiVideo.Media.Captions;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Assembly;

/// <summary>
/// Two real assemblies at 180x320 over a 4 s narration whose "voice" is a 1500 Hz tone speaking at 0.6–1.4 s and
/// 2.4–3.2 s (a 1 s pause between): one with a 1.5 s chord track (shorter: must loop), one with a 10 s track (longer:
/// must be trimmed). The music's level is read back from the final file with our own ffmpeg calls: low-passed (the
/// chord is 200/300 Hz, the voice 1500 Hz) and measured with astats in windows — not with the assembler's own meter.
/// </summary>
public sealed class MusicMixFixture : IAsyncLifetime
{
    public const double NarrationSec = 4.0;
    public const double DuckDb = 12;
    public static readonly (double From, double To)[] Voice = [(0.6, 1.4), (2.4, 3.2)];

    public TempDirectory Dir { get; } = new("aivideo-music");
    public ProcessRunner Runner { get; } = new();
    public AssemblyResult Looped { get; private set; } = null!;
    public AssemblyResult Trimmed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var narration = Dir.Combine("voice.wav");
        await Runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i",
            $"aevalsrc='0.3*sin(2*PI*1500*t)*(between(t,{Voice[0].From},{Voice[0].To})+between(t,{Voice[1].From},{Voice[1].To}))':s=22050:d={NarrationSec}", Dir.Combine("voice.wav")], default);
        var clip = Dir.Combine("clip.mp4");
        await Runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=navy:s=160x284:d=1:r=24", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip], default);
        var shortTrack = await Track("short.m4a", 1.5);
        var longTrack = await Track("long.m4a", 10);

        var probe = new MediaProbe(Runner);
        var assembler = new VideoAssembler(Runner, probe, new AssCaptionWriter(), new AssCaptionReader(), new LoudnessMeter(Runner));
        WordTiming[] words = [new("Tides", 600, 1000), new("pull", 1000, 1400), new("the", 2400, 2800), new("Moon", 2800, 3200)];
        AssemblyRequest Request(string output, string track) => new([new(clip, NarrationSec)], narration, NarrationSec, new CaptionCueBuilder().Build(words),
            new VideoSize(180, 320), 24, Dir.Combine(output), Dir.Combine(Path.ChangeExtension(output, ".ass")), new AssemblyMusic(track, -18, DuckDb));
        Looped = await assembler.AssembleAsync(Request("looped.mp4", shortTrack), null, default);
        Trimmed = await assembler.AssembleAsync(Request("trimmed.mp4", longTrack), null, default);
    }

    /// <summary>A steady two-note chord (200 + 300 Hz), stereo AAC.</summary>
    private async Task<string> Track(string name, double seconds)
    {
        var path = Dir.Combine(name);
        await Runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i",
            string.Create(CultureInfo.InvariantCulture, $"aevalsrc='0.2*sin(2*PI*200*t)+0.2*sin(2*PI*300*t)|0.2*sin(2*PI*200*t)+0.2*sin(2*PI*300*t)':s=44100:d={seconds}"),
            "-c:a", "aac", "-b:a", "96k", path], default);
        return path;
    }

    /// <summary>RMS (dBFS) of the music band of the final mix between two moments: low-passed 3× at 500 Hz, then astats.</summary>
    public async Task<double> MusicLevelAsync(string video, double from, double to)
    {
        var inv = CultureInfo.InvariantCulture;
        var result = await Runner.RunCheckedAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", video, "-map", "0:a:0", "-af",
            string.Create(inv, $"pan=mono|c0=0.5*c0+0.5*c1,lowpass=f=500,lowpass=f=500,lowpass=f=500,atrim=start={from}:end={to},astats=measure_perchannel=none"),
            "-f", "null", "-"], default);
        var rms = Regex.Matches(result.StandardError, @"RMS level dB: (-?[\d.]+|-inf)").Last().Groups[1].Value;
        return rms == "-inf" ? double.NegativeInfinity : double.Parse(rms, inv);
    }

    public Task DisposeAsync()
    {
        Dir.Dispose();
        return Task.CompletedTask;
    }
}

public class MusicMixTests(MusicMixFixture fixture) : IClassFixture<MusicMixFixture>
{
    // Windows where the plan's music is flat: fully ducked inside the voice, fully up in the middle of the 1 s pause.
    private static readonly (double From, double To)[] Speech = [(0.75, 1.3), (2.5, 3.1)];
    private static readonly (double From, double To) Pause = (1.9, 2.15);

    [Fact]
    public async Task Assemble_WithMusic_MusicIsDuckedWhileTheVoiceSpeaksByTheConfiguredDepth()
    {
        foreach (var result in new[] { fixture.Looped, fixture.Trimmed })
        {
            var pause = await fixture.MusicLevelAsync(result.OutputPath, Pause.From, Pause.To);
            foreach (var (from, to) in Speech)
            {
                var speech = await fixture.MusicLevelAsync(result.OutputPath, from, to);
                Assert.True(pause - speech >= MusicMixFixture.DuckDb - 1.5, $"music {pause:0.0} dBFS in the pause vs {speech:0.0} dBFS under the voice at {from}s");
            }
        }
    }

    [Fact]
    public void Assemble_WithMusic_ReportsTheMeasuredDuckingDepth()
    {
        var ducking = fixture.Looped.Music!.Ducking;
        Assert.InRange(ducking.DepthDb!.Value, MusicMixFixture.DuckDb - 1, MusicMixFixture.DuckDb + 1);
        Assert.True(ducking.LevelInPausesDbfs - ducking.LevelDuringSpeechDbfs >= MusicMixFixture.DuckDb - 1.5,
            $"pauses {ducking.LevelInPausesDbfs} vs speech {ducking.LevelDuringSpeechDbfs} dBFS");
        Assert.True(ducking.PauseSec > 0.2, $"pause windows {ducking.PauseSec} s");
    }

    [Fact]
    public async Task Assemble_TrackShorterThanTheNarration_IsLooped()
    {
        // The 1.5 s track has ended long before the pause at 1.9 s: only a loop can put music there.
        var pause = await fixture.MusicLevelAsync(fixture.Looped.OutputPath, Pause.From, Pause.To);
        Assert.True(pause > -45, $"music level in the pause after the track's end: {pause:0.0} dBFS");
    }

    [Fact]
    public void Assemble_TrackLongerThanTheNarration_IsTrimmedToIt_AndAvGateHolds()
    {
        foreach (var result in new[] { fixture.Trimmed, fixture.Looped })
        {
            Assert.InRange(result.Info.AudioDurationSec!.Value, MusicMixFixture.NarrationSec - 0.1, MusicMixFixture.NarrationSec + 0.1);
            var gate = new AvDurationGate().Evaluate(result.Info, new QaSettings());
            Assert.True(gate.Passed, gate.Reason);
        }
    }

    [Fact]
    public async Task Assemble_WithMusic_FadesInAndOut()
    {
        var pause = await fixture.MusicLevelAsync(fixture.Trimmed.OutputPath, Pause.From, Pause.To);
        var start = await fixture.MusicLevelAsync(fixture.Trimmed.OutputPath, 0.0, 0.06);
        var end = await fixture.MusicLevelAsync(fixture.Trimmed.OutputPath, MusicMixFixture.NarrationSec - 0.08, MusicMixFixture.NarrationSec - 0.02);
        Assert.True(pause - start >= 10, $"first 60 ms {start:0.0} dBFS vs pause {pause:0.0} dBFS");
        Assert.True(pause - end >= 10, $"last frames {end:0.0} dBFS vs pause {pause:0.0} dBFS");
    }

    [Fact]
    public void Assemble_WithMusic_LoudnessGatePasses_TruePeakLimited()
    {
        foreach (var result in new[] { fixture.Looped, fixture.Trimmed })
        {
            var gate = new LoudnessGate().Evaluate(result.Loudness!.IntegratedLufs, new QaSettings());
            Assert.True(gate.Passed, gate.Reason);
            Assert.True(result.Loudness.TruePeakDbtp <= -1.0, $"true peak {result.Loudness.TruePeakDbtp}");
        }
    }
}
