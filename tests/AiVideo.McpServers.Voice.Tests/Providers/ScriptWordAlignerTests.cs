using AiVideo.Core.Domain;
using AiVideo.McpServers.Voice.Providers;
using AiVideo.McpServers.Voice.Providers.Timing;

namespace AiVideo.McpServers.Voice.Tests.Providers;

public class ScriptWordAlignerTests
{
    private static void AssertContract(IReadOnlyList<string> script, IReadOnlyList<WordTiming> timings, int durationMs)
    {
        Assert.Equal(script, timings.Select(t => t.Word));
        for (var i = 0; i < timings.Count; i++)
        {
            Assert.InRange(timings[i].StartMs, 0, durationMs);
            Assert.InRange(timings[i].EndMs, timings[i].StartMs, durationMs);
            if (i > 0) Assert.True(timings[i].StartMs >= timings[i - 1].EndMs, $"word {i} starts before the previous ends");
        }
    }

    [Fact]
    public void Align_TranscriptWithAnInsertedAndADroppedWord_TimesEveryScriptWordFromItsOwnHeardWord()
    {
        string[] script = ["Honey", "never", "spoils,", "ever."];
        // Heard: an inserted "uh", "never" dropped.
        HeardWord[] heard = [new("honey", 100, 400), new("uh", 400, 500), new("spoils", 600, 900), new("ever", 950, 1200)];

        var timings = ScriptWordAligner.Align(script, heard, 1300);

        AssertContract(script, timings, 1300);
        Assert.Equal((100, 400), (timings[0].StartMs, timings[0].EndMs));
        Assert.Equal((600, 900), (timings[2].StartMs, timings[2].EndMs));
        Assert.Equal((950, 1200), (timings[3].StartMs, timings[3].EndMs));
        // The dropped word sits in the gap between its neighbours.
        Assert.Equal((400, 600), (timings[1].StartMs, timings[1].EndMs));
    }

    [Fact]
    public void Align_NumberSpelledOutAsTwoWords_GetsTheSpanOfTheExpansion()
    {
        string[] script = ["About", "25", "moons."];
        HeardWord[] heard = [new("About", 0, 300), new("twenty", 300, 600), new("five", 600, 800), new("moons", 800, 1100)];

        var timings = ScriptWordAligner.Align(script, heard, 1100);

        AssertContract(script, timings, 1100);
        Assert.Equal((300, 800), (timings[1].StartMs, timings[1].EndMs));
        Assert.Equal(800, timings[2].StartMs);
    }

    [Fact]
    public void Align_NothingHeard_SpreadsWordsOverTheAudio()
    {
        string[] script = ["one", "two", "three"];

        var timings = ScriptWordAligner.Align(script, [], 1100);

        AssertContract(script, timings, 1100);
        Assert.Equal(0, timings[0].StartMs);
        Assert.Equal(1100, timings[2].EndMs);
    }

    [Fact]
    public void Normalize_IgnoresCaseAndPunctuation_KeepsAccentsAndAnEmojiAsItself()
    {
        Assert.Equal("café", ScriptWordAligner.Normalize("\"Café,\""));
        Assert.Equal("🚀", ScriptWordAligner.Normalize("🚀"));
    }

    [Fact]
    public void CharacterAlignment_Words_MultiByteCharacters_OneWordPerWhitespaceRun()
    {
        var alignment = new CharacterAlignment(["C", "a", "f", "é", " ", "🚀", " ", "o", "k"], [0, .1, .2, .3, .4, .5, .6, .7, .8], [.1, .2, .3, .4, .5, .6, .7, .8, .9]);

        var words = alignment.Words(offsetMs: 1000);

        Assert.Equal([new HeardWord("Café", 1000, 1400), new HeardWord("🚀", 1500, 1600), new HeardWord("ok", 1700, 1900)], words);
    }

    [Fact]
    public void SentenceChunker_LongText_SplitsAtSentenceEndsWithinTheLimit_KeepingEveryWord()
    {
        var text = "The moon is drifting away. It moves about four centimetres a year! Tides slow the Earth down? Yes, slowly.";

        var chunks = SentenceChunker.Split(text, 40);

        Assert.All(chunks, c => Assert.True(c.Length <= 40, c));
        Assert.Equal(["The moon is drifting away.", "It moves about four centimetres a year!", "Tides slow the Earth down? Yes, slowly."], chunks);
        Assert.Equal(ScriptWordAligner.Words(text), chunks.SelectMany(ScriptWordAligner.Words));
    }
}
