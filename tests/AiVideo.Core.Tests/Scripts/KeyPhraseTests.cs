using AiVideo.Core.Scripts;

namespace AiVideo.Core.Tests.Scripts;

public sealed class KeyPhraseTests
{
    [Theory]
    [InlineData("The Moon moves about four centimetres farther from Earth every year.", "FOUR CENTIMETRES")]
    [InlineData("Light from the Sun takes 8.3 minutes to reach us.", "8.3 MINUTES")]
    [InlineData("It is 384,400 km away on average.", "384,400 KM")]
    [InlineData("Billions of years from now, total solar eclipses will no longer happen.", "BILLIONS OF YEARS")]
    [InlineData("About 71% of the planet is water.", "71%")]
    public void From_BeatWithANumber_SetsTheNumberWithWhatItCounts(string beat, string expected) =>
        Assert.Equal(expected, KeyPhrase.From(beat));

    [Theory]
    [InlineData("Laser reflectors left by the Apollo crews let scientists measure it.", "APOLLO")]
    [InlineData("Then the James Webb telescope looked deeper.", "JAMES WEBB")]
    public void From_BeatNamingSomething_SetsTheName(string beat, string expected) =>
        Assert.Equal(expected, KeyPhrase.From(beat));

    [Fact]
    public void From_PlainBeat_SetsItsLongestContentWordsInSpokenOrder() =>
        Assert.Equal("BOILING STARCHES", KeyPhrase.From("the boiling water foams because starches trap air"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?! ...")]
    public void From_NothingToSay_IsEmpty(string? beat) => Assert.Equal("", KeyPhrase.From(beat));

    [Fact]
    public void From_AnyBeat_KeepsToTheDrawableAlphabetAndLength()
    {
        var phrase = KeyPhrase.From("Supercalifragilisticexpialidocious Extraordinarily Magnificent Spectacularly \"quoted\" {braces}: colons");

        Assert.InRange(phrase.Length, 1, KeyPhrase.MaxLength);
        Assert.All(phrase, c => Assert.True(char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or '%' or '-', $"'{c}' is not drawable"));
        Assert.Equal(phrase.ToUpperInvariant(), phrase);
    }
}
