using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Similarity;

/// <summary>check_footage's measurements on real tiny clips, judged by the Core footage gate.</summary>
public sealed class FootageCheckTests : IDisposable
{
    private static readonly VideoSize Shot = new(64, 112);
    private readonly TempDirectory _dir = new("aivideo-footage-tests");
    private readonly ProcessRunner _runner = new();
    private readonly FootageCheck _check;

    public FootageCheckTests() => _check = new FootageCheck(new FrameSampler(_runner, new MediaProbe(_runner)));

    private async Task<string> ClipAsync(string name, params string[] input)
    {
        var path = _dir.Combine(name);
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", .. input, "-t", "2", "-r", "24", "-c:v", "libx264", "-pix_fmt", "yuv420p", path], CancellationToken.None);
        return path;
    }

    private async Task<(FootageMeasurement Facts, GateResult Gate)> JudgeAsync(string clip, double relevance = 0.5)
    {
        var facts = await _check.MeasureAsync(clip, CancellationToken.None);
        var gate = new FootageGate().Evaluate("s01", VisualSources.Pexels, relevance, new Core.Gates.FootageFacts(facts.Width, facts.Height, facts.MeanLuma, facts.Frozen), Shot, 1);
        return (facts, gate);
    }

    [Fact]
    public async Task Measure_MovingClipOfTheShotSize_PassesTheGate()
    {
        var (facts, gate) = await JudgeAsync(await ClipAsync("good.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x112:r=24"));

        Assert.True(gate.Passed, gate.Reason);
        Assert.Equal((64, 112, 5), (facts.Width, facts.Height, facts.FramesSampled));
        Assert.False(facts.Frozen);
        Assert.True(facts.MeanLuma > FootageGate.MinMeanLuma, $"luma {facts.MeanLuma}");
    }

    [Fact]
    public async Task Measure_BlackClip_FailsAsBlack()
    {
        var (facts, gate) = await JudgeAsync(await ClipAsync("black.mp4", "-f", "lavfi", "-i", "color=c=black:s=64x112:r=24,noise=alls=6:allf=t"));

        Assert.False(gate.Passed);
        Assert.Contains("black", gate.Reason);
        Assert.True(facts.MeanLuma < FootageGate.MinMeanLuma, $"luma {facts.MeanLuma}");
    }

    [Fact]
    public async Task Measure_StuckClip_FailsAsFrozen()
    {
        var (facts, gate) = await JudgeAsync(await ClipAsync("stuck.mp4", "-f", "lavfi", "-i", "color=c=orange:s=64x112:r=24"));

        Assert.True(facts.Frozen);
        Assert.False(gate.Passed);
        Assert.Contains("frozen", gate.Reason);
        Assert.DoesNotContain("black", gate.Reason);
    }

    [Fact]
    public async Task Measure_StillWithPanAndZoom_MovesAndPasses()
    {
        var still = _dir.Combine("still.png");
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=256x448", "-frames:v", "1", still], CancellationToken.None);
        var clip = await ClipAsync("kenburns.mp4", "-loop", "1", "-i", still, "-vf", "zoompan=z='1+0.004*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=64x112:fps=24");

        var (facts, gate) = await JudgeAsync(clip);

        Assert.False(facts.Frozen, $"motion {facts.Motion}");
        Assert.True(gate.Passed, gate.Reason);
    }

    [Fact]
    public async Task Measure_LandscapeClip_FailsOnOrientation()
    {
        var (facts, gate) = await JudgeAsync(await ClipAsync("wide.mp4", "-f", "lavfi", "-i", "testsrc2=s=112x64:r=24"));

        Assert.Equal((112, 64), (facts.Width, facts.Height));
        Assert.False(gate.Passed);
        Assert.Contains("wrong orientation", gate.Reason);
    }

    [Fact]
    public async Task Measure_GoodClipOfLowRelevance_FailsOnRelevance()
    {
        var (_, gate) = await JudgeAsync(await ClipAsync("offtopic.mp4", "-f", "lavfi", "-i", "testsrc2=s=64x112:r=24"), relevance: 0.03);

        Assert.False(gate.Passed);
        Assert.Contains("relevance 0.03 < 0.12", gate.Reason);
    }

    [Fact]
    public async Task Measure_NotAVideo_ThrowsInvalidInput()
    {
        var text = _dir.Combine("notes.mp4");
        await File.WriteAllTextAsync(text, "not a video");

        await Assert.ThrowsAnyAsync<Exception>(() => _check.MeasureAsync(text, CancellationToken.None));
    }

    public void Dispose() => _dir.Dispose();
}
