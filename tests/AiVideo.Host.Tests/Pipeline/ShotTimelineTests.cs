using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Tests.Pipeline;

public class ShotTimelineTests
{
    private static readonly VideoScript Script = new()
    {
        Title = "T", Hook = "Hook here.", Cta = "Follow now.",
        Beats = [new("One two.", "a"), new("Three.", "a"), new("Four five.", "b")],
        Shots = [new("a", "p", 1), new("b", "p", 1)],
    };

    [Fact]
    public void Build_CutsOnBeatWords_HookToFirstCtaToLast_MergesSameShot()
    {
        // words: Hook here. One two. Three. Four five. Follow now.  (9 words, 200 ms apart)
        var words = Script.NarrationText.Split(' ').Select((w, i) => new WordTiming(w, i * 200 + 50, i * 200 + 180)).ToList();
        var narration = new Narration("n.wav", 2.0, "v", words);
        var segments = ShotTimeline.Build(Script, narration);
        Assert.Equal([new TimelineSegment("a", 0, 1050), new TimelineSegment("b", 1050, 2000)], segments);
        Assert.Equal(1.05, ShotTimeline.RenderDurations(segments)["a"]);
    }

    [Fact]
    public void Build_WordCountMismatch_Throws()
    {
        var narration = new Narration("n.wav", 1, "v", [new WordTiming("x", 0, 1)]);
        Assert.Throws<InvalidOperationException>(() => ShotTimeline.Build(Script, narration));
    }
}
