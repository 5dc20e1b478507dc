using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class FormatGateTests
{
    private static readonly MediaInfo Good = new()
    {
        DurationSec = 31.0, VideoCodec = "h264", AudioCodec = "aac", PixelFormat = "yuv420p", Width = 1080, Height = 1920,
    };

    [Fact]
    public void Evaluate_PlatformReadyFile_Passes() =>
        Assert.True(new FormatGate().Evaluate(Good, VideoSize.Vertical1080, 30.8).Passed);

    [Fact]
    public void Evaluate_DurationOffByMoreThanTolerance_Fails()
    {
        var result = new FormatGate().Evaluate(Good, VideoSize.Vertical1080, 30.5);
        Assert.False(result.Passed);
        Assert.Contains("duration", result.Reason);
    }

    [Fact]
    public void Evaluate_WrongCodecAndSize_ListsEveryProblem()
    {
        var result = new FormatGate().Evaluate(Good with { VideoCodec = "hevc", Width = 720, Height = 1280 }, VideoSize.Vertical1080, 31);
        Assert.False(result.Passed);
        Assert.Contains("hevc", result.Reason);
        Assert.Contains("720x1280", result.Reason);
    }
}

public class DriftGateTests
{
    [Theory]
    [InlineData(0.80, 0.55, true)]
    [InlineData(0.55, 0.55, true)]
    [InlineData(0.54, 0.55, false)]
    public void Evaluate_ComparesSimilarityWithThreshold(double similarity, double threshold, bool passed)
    {
        var result = new DriftGate().Evaluate("s01", similarity, threshold, 1);
        Assert.Equal(passed, result.Passed);
        Assert.Equal("render.drift:s01", result.Name);
        Assert.Equal(threshold, result.Threshold);
    }
}
