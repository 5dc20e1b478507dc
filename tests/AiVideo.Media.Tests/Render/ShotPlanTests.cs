using AiVideo.Core.Domain;
using AiVideo.Media.Render;

namespace AiVideo.Media.Tests.Render;

public sealed class ShotPlanTests
{
    [Fact]
    public void FromSeed_SameSeed_GivesTheSamePalette()
    {
        Assert.Equal(ChannelStyle.FromSeed(7).ToString(), ChannelStyle.FromSeed(7).ToString());
        Assert.NotEqual(ChannelStyle.FromSeed(7).StyleId, ChannelStyle.FromSeed(8).StyleId);
    }

    [Fact]
    public void Create_SamePromptIgnoringCaseAndSpacing_GivesTheSameFilterGraph()
    {
        var style = ChannelStyle.FromSeed(3);
        var a = SceneFilterGraph.Build(ShotPlan.Create(style, "Ocean  waves", 1), new VideoSize(160, 284), 24, 1, still: false);
        var b = SceneFilterGraph.Build(ShotPlan.Create(style, "ocean waves", 1), new VideoSize(160, 284), 24, 1, still: false);
        var c = SceneFilterGraph.Build(ShotPlan.Create(style, "desert dunes", 1), new VideoSize(160, 284), 24, 1, still: false);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.DoesNotContain("testsrc", a);
    }

    [Fact]
    public void Create_NextAttempt_KeepsShapesAndColoursButMovesThemDifferently()
    {
        var style = ChannelStyle.FromSeed(3);
        var first = ShotPlan.Create(style, "ocean waves", 1);
        var retry = ShotPlan.Create(style, "ocean waves", 2);

        Assert.Equal(first.Shapes.Select(s => (s.Kind, s.AccentIndex, s.Size)), retry.Shapes.Select(s => (s.Kind, s.AccentIndex, s.Size)));
        Assert.NotEqual(first.Shapes.Select(s => s.PhaseX), retry.Shapes.Select(s => s.PhaseX));
    }

    [Fact]
    public void OnStderrLine_FrameLines_ReportFractionsBelowOne()
    {
        var values = new List<double>();
        var progress = new FfmpegProgress(100, new InlineProgress(values.Add));

        foreach (var line in new[] { "frame=10", "fps=30.0", "frame=10", "frame=50", "out_time_us=123", "frame=100", "progress=end" })
        {
            progress.OnStderrLine(line);
        }

        Assert.Equal([0.1, 0.5, 0.99], values);
    }

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
