using AiVideo.Media.Speech;

namespace AiVideo.Media.Tests.Speech;

public class SpeechRecognizerTests
{
    [Theory]
    [InlineData("the moon drifts away", "the moon drifts away", 0.0)]
    [InlineData("the moon drifts away", "the moon drift away", 0.25)]
    [InlineData("the moon drifts away", "moon drifts", 0.5)]
    [InlineData("the moon", "the big bright moon", 1.0)]
    public void WordErrorRate_IsEditDistanceOverReferenceLength(string reference, string heard, double expected) =>
        Assert.Equal(expected, SpeechRecognizer.WordErrorRate(reference.Split(' '), heard.Split(' ')), 3);

    [Fact]
    public void Tokens_LowercaseWithoutPunctuation() =>
        Assert.Equal(["nasa's", "moon", "is", "4", "cm", "away"], SpeechRecognizer.Tokens("NASA's Moon is 4 cm away!"));

    [Fact]
    public void BigramModel_IsArpaWithTheScriptsWordsAndSentenceBoundaries()
    {
        var arpa = SpeechRecognizer.BigramModel("The Moon drifts. The Moon stays.", _ => true);
        Assert.StartsWith("\\data\\", arpa);
        Assert.Contains("ngram 1=6", arpa); // <s> </s> the moon drifts stays
        Assert.Contains(" <s> the\n", arpa);
        Assert.Contains(" drifts </s>\n", arpa);
        Assert.EndsWith("\\end\\\n", arpa);
    }
}
