using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class FootageGateTests
{
    private static readonly VideoSize Shot = new(540, 960);
    private static readonly FootageFacts Good = new(540, 960, 0.42, false);

    [Fact]
    public void Evaluate_RelevantBrightMovingClipOfTheShotSize_Passes()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Pexels, 0.4, Good, Shot, 1);

        Assert.True(result.Passed, result.Reason);
        Assert.Equal("render.footage:s01", result.Name);
        Assert.Equal((0.4, FootageGate.MinRelevance), (result.Value, result.Threshold));
    }

    [Fact]
    public void Evaluate_LowRelevance_FailsNamingTheFloor()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Library, 0.05, Good, Shot, 2);

        Assert.False(result.Passed);
        Assert.Contains("relevance 0.05 < 0.12", result.Reason);
        Assert.Contains("attempt 2", result.Reason);
    }

    [Fact]
    public void Evaluate_BlackClip_Fails()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Pixabay, 0.5, Good with { MeanLuma = 0.01 }, Shot, 1);

        Assert.False(result.Passed);
        Assert.Contains("black: mean luma 0.01 < 0.05", result.Reason);
    }

    [Fact]
    public void Evaluate_FrozenClip_Fails()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Library, 0.5, Good with { Frozen = true }, Shot, 1);

        Assert.False(result.Passed);
        Assert.Contains("frozen", result.Reason);
    }

    [Fact]
    public void Evaluate_LandscapeClip_FailsOnSizeAndOrientation()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Pexels, 0.5, Good with { Width = 960, Height = 540 }, Shot, 1);

        Assert.False(result.Passed);
        Assert.Contains("size 960x540 is not the shot size 540x960, wrong orientation", result.Reason);
    }

    [Fact]
    public void Evaluate_PortraitClipOfAnotherSize_FailsOnSizeOnly()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Pexels, 0.5, Good with { Width = 720, Height = 1280 }, Shot, 1);

        Assert.False(result.Passed);
        Assert.Contains("720x1280", result.Reason);
        Assert.DoesNotContain("orientation", result.Reason);
    }

    [Fact]
    public void Evaluate_SeveralFaults_NamesEachOne()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Pexels, 0.01, new FootageFacts(960, 540, 0.0, true), Shot, 1);

        Assert.False(result.Passed);
        Assert.Contains("relevance", result.Reason);
        Assert.Contains("black", result.Reason);
        Assert.Contains("frozen", result.Reason);
        Assert.Contains("orientation", result.Reason);
    }

    [Fact]
    public void Evaluate_SourceThatDoesNotRank_IsNotFailedOnRelevance()
    {
        var result = new FootageGate().Evaluate("s01", VisualSources.Library, null, Good, Shot, 1);

        Assert.True(result.Passed, result.Reason);
        Assert.Contains("relevance not reported", result.Reason);
    }
}

public class DriftGateMethodTests
{
    [Fact]
    public void Evaluate_WithoutMethod_KeepsTheProceduralReason()
    {
        var result = new DriftGate().Evaluate("s01", 0.8, 0.55, 1);

        Assert.Equal("similarity 0.8 ≥ 0.55 (attempt 1)", result.Reason);
    }

    [Fact]
    public void Evaluate_WithMethod_NamesIt()
    {
        var result = new DriftGate().Evaluate("s02", 0.31, 0.55, 2, "image-embedding:http:jina-clip-v2");

        Assert.False(result.Passed);
        Assert.Equal("shot s02 drifted: similarity 0.31 < 0.55 by image-embedding:http:jina-clip-v2 (attempt 2)", result.Reason);
    }

    [Fact]
    public void BecameReference_PassesAndSaysSo()
    {
        var result = new DriftGate().BecameReference("s01", VisualSources.Kling, "runs/r1/shots/s01-a1.mp4", 1);

        Assert.True(result.Passed);
        Assert.Equal("render.drift:s01", result.Name);
        Assert.Contains("became the run's drift reference", result.Reason);
        Assert.Contains("runs/r1/shots/s01-a1.mp4", result.Reason);
    }
}
