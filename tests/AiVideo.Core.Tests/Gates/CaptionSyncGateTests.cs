using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class CaptionSyncGateTests
{
    private static readonly WordTiming[] Words =
    [
        new("The", 0, 200), new("Moon", 210, 500), new("drifts", 520, 900), new("away.", 950, 1400), new("Slowly.", 1500, 2000),
    ];

    [Fact]
    public void Evaluate_CuesBuiltFromWords_Pass()
    {
        var cues = new CaptionCueBuilder().Build(Words);
        var result = new CaptionSyncGate().Evaluate(Words, cues);
        Assert.True(result.Passed, result.Reason);
        Assert.Equal(0, result.Value);
    }

    [Fact]
    public void Evaluate_CueLateByMoreThanTolerance_FailsWithOffset()
    {
        var cues = new CaptionCueBuilder().Build(Words).ToList();
        cues[1] = cues[1] with { StartMs = cues[1].StartMs + 120 };
        var result = new CaptionSyncGate().Evaluate(Words, cues);
        Assert.False(result.Passed);
        Assert.Equal(120, result.Value);
        Assert.Equal(CaptionSyncGate.ToleranceMs, result.Threshold);
    }

    [Fact]
    public void Evaluate_CueWithinTolerance_Passes()
    {
        var cues = new CaptionCueBuilder().Build(Words).ToList();
        cues[1] = cues[1] with { StartMs = cues[1].StartMs + 70 };
        Assert.True(new CaptionSyncGate().Evaluate(Words, cues).Passed);
    }

    [Fact]
    public void Evaluate_MissingWord_Fails()
    {
        var cues = new CaptionCueBuilder().Build(Words[..4]);
        var result = new CaptionSyncGate().Evaluate(Words, cues);
        Assert.False(result.Passed);
        Assert.Contains("4 captioned words for 5 spoken words", result.Reason);
    }
}
