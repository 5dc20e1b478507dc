using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class BrandWordGateTests
{
    private readonly BrandWordGate _gate = new();

    [Fact]
    public void Evaluate_ExactSpelling_Passes()
    {
        var result = _gate.Evaluate("Voices by ElevenLabs and NASA images.", ["ElevenLabs", "NASA"]);
        Assert.True(result.Passed, result.Reason);
    }

    [Theory]
    [InlineData("Voices by Elevenlabs today.", "'Elevenlabs' should be 'ElevenLabs'")]
    [InlineData("Voices by Eleven Labs today.", "'Eleven Labs' should be 'ElevenLabs'")]
    [InlineData("Voices by eleven-labs today.", "'eleven-labs' should be 'ElevenLabs'")]
    public void Evaluate_Misspelling_FailsNamingTheMention(string text, string expected)
    {
        var result = _gate.Evaluate(text, ["ElevenLabs"]);
        Assert.False(result.Passed);
        Assert.Contains(expected, result.Reason);
    }

    [Fact]
    public void Evaluate_BrandInsideLongerWord_IsNotAMention()
    {
        var result = _gate.Evaluate("The nasal passages.", ["NASA"]);
        Assert.True(result.Passed, result.Reason);
    }
}

public class BannedWordGateTests
{
    [Fact]
    public void Evaluate_BannedWordAnyCase_Fails()
    {
        var result = new BannedWordGate().Evaluate("This is GUARANTEED to work.", ["guaranteed", "miracle"]);
        Assert.False(result.Passed);
        Assert.Contains("guaranteed", result.Reason);
        Assert.DoesNotContain("miracle", result.Reason);
    }

    [Fact]
    public void Evaluate_WordOnlyAsPartOfAnother_Passes()
    {
        Assert.True(new BannedWordGate().Evaluate("A curette is a tool.", ["cure"]).Passed);
    }
}
