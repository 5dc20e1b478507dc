using AiVideo.Core.Captions;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Tests.Captions;

public class CaptionCueBuilderTests
{
    private static WordTiming[] Timed(params string[] words) =>
        words.Select((w, i) => new WordTiming(w, i * 300, i * 300 + 250)).ToArray();

    [Fact]
    public void Build_GroupsAtMostThreeWords_AndKeepsEveryWordOnce()
    {
        var words = Timed("one", "two", "three", "four", "five", "six", "seven");
        var cues = new CaptionCueBuilder().Build(words);
        Assert.All(cues, c => Assert.InRange(c.Words.Count, 1, CaptionCueBuilder.MaxWordsPerCue));
        Assert.Equal(words.Select(w => w.Word), cues.SelectMany(c => c.Words).Select(w => w.Word));
        Assert.Equal(3, cues.Count);
    }

    [Fact]
    public void Build_BreaksAtPunctuation()
    {
        var cues = new CaptionCueBuilder().Build(Timed("Stop.", "Look", "here,", "now"));
        Assert.Equal(["Stop.", "Look here,", "now"], cues.Select(c => c.Text));
    }

    [Fact]
    public void Build_CueStartsAtFirstWord_AndNeverOverlapsNext()
    {
        var words = new WordTiming[] { new("a", 0, 900), new("b", 100, 200), new("c", 300, 400), new("d", 500, 600) };
        var cues = new CaptionCueBuilder().Build(words);
        Assert.Equal(0, cues[0].StartMs);
        Assert.Equal(500, cues[1].StartMs);
        Assert.True(cues[0].EndMs <= cues[1].StartMs);
    }

    [Fact]
    public void Build_LongWords_SplitByCharacterBudget()
    {
        var cues = new CaptionCueBuilder().Build(Timed("extraordinarily", "magnificent", "telescopes"));
        Assert.All(cues, c => Assert.True(c.Text.Length <= CaptionCueBuilder.MaxCharsPerCue || c.Words.Count == 1));
        Assert.True(cues.Count >= 2);
    }
}
