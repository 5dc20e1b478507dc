using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class SpeechAsrGateTests
{
    private static readonly QaSettings Qa = new();

    [Fact]
    public void Evaluate_LowErrorRate_PassesAndFlagsBrandWordsNotHeard()
    {
        var result = new SpeechAsrGate().Evaluate(0.12, "the moon drifts away nasa measures it", "The Moon drifts away. NASA measures it. Follow Orbit Minute.", ["NASA", "Orbit Minute", "James Webb"], ["webb"], Qa);
        Assert.True(result.Passed);
        Assert.Equal(0.12, result.Value);
        Assert.Contains("not heard: Orbit Minute", result.Reason);
        Assert.DoesNotContain("NASA,", result.Reason);
        Assert.DoesNotContain("James Webb", result.Reason); // not in the script: nothing to hear
        Assert.Contains("unknown to the recogniser: webb", result.Reason);
    }

    [Fact]
    public void Evaluate_ErrorRateOverTheChannelsMax_Fails()
    {
        var result = new SpeechAsrGate().Evaluate(0.8, "something else entirely", "The script.", [], [], Qa with { MaxWordErrorRate = 0.4 });
        Assert.False(result.Passed);
        Assert.Contains("does not say the script", result.Reason);
        Assert.Equal(0.4, result.Threshold);
    }
}
