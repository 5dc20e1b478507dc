using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class CaptionOcrGateTests
{
    private static readonly QaSettings Qa = new();
    private static readonly string[] Cues = ["The Moon is", "drifting away", "NASA says"];

    [Fact]
    public void Evaluate_EverythingReadBack_PassesWithFullRecall()
    {
        var result = new CaptionOcrGate().Evaluate(Cues, ["The Moon is", "drifting away.", "NASA says"], ["NASA"], Qa);
        Assert.True(result.Passed, result.Reason);
        Assert.Equal(1.0, result.Value);
    }

    [Fact]
    public void Evaluate_BrandWordReadBackMisspelled_FailsNamingIt()
    {
        var result = new CaptionOcrGate().Evaluate(Cues, ["The Moon is", "drifting away", "Nasa says"], ["NASA"], Qa);
        Assert.False(result.Passed);
        Assert.Contains("'NASA' read as 'Nasa says'", result.Reason);
    }

    [Fact]
    public void Evaluate_FewWordsReadable_FailsOnRecall()
    {
        var result = new CaptionOcrGate().Evaluate(Cues, ["", "dr1fting", "NASA"], [], Qa);
        Assert.False(result.Passed);
        Assert.Equal(Math.Round(1 / 7.0, 3), result.Value);
    }

    [Fact]
    public void Evaluate_NotReadable_PassesAsSkippedWithTheReason()
    {
        var result = new CaptionOcrGate().Evaluate(Cues, null, ["NASA"], Qa, "captions at 128 px are too small to read");
        Assert.True(result.Passed);
        Assert.StartsWith("skipped: captions at 128 px", result.Reason);
    }
}
