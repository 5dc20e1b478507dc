using AiVideo.Media.Library;

namespace AiVideo.Media.Tests.Library;

public sealed class BeatCoveragePlannerTests
{
    private static RankedLibraryItem Clip(string name, double seconds, double score = 0.5) =>
        new(new LibraryItem(name, LibraryItemKind.Clip, 144, 256, seconds, name, 1, 1, []), score, score);

    private static RankedLibraryItem Still(string name, double score = 0.5) =>
        new(new LibraryItem(name, LibraryItemKind.Still, 144, 256, 0, name, 1, 1, []), score, score);

    [Fact]
    public void Plan_ClipShorterThanTheBeat_IsJoinedWithTheNextBestPick_TrimmedToTheRest()
    {
        var parts = BeatCoveragePlanner.Plan([Clip("a.mp4", 2, 0.7), Clip("b.mp4", 3, 0.6), Clip("c.mp4", 9, 0.5)], 4)!;

        Assert.Equal([("a.mp4", 2.0, 1.0), ("b.mp4", 2.0, 1.0)], parts.Select(p => (p.Item, p.DurationSec, p.Speed)));
        Assert.Equal(0.7, parts[0].Score);
    }

    [Fact]
    public void Plan_ClipAlmostLongEnough_IsSlowedToFit()
    {
        var part = Assert.Single(BeatCoveragePlanner.Plan([Clip("a.mp4", 3.5), Clip("b.mp4", 9)], 4)!);

        Assert.Equal(("a.mp4", 4.0, 0.875), (part.Item, part.DurationSec, part.Speed));
    }

    [Fact]
    public void Plan_PicksRunOutAlittleShort_EveryPartSlowedTheSame_NeverBelow08()
    {
        var parts = BeatCoveragePlanner.Plan([Clip("a.mp4", 1), Clip("b.mp4", 1), Clip("c.mp4", 1.5)], 4)!;

        Assert.Equal(["a.mp4", "b.mp4", "c.mp4"], parts.Select(p => p.Item));
        Assert.All(parts, p => Assert.Equal(0.875, p.Speed));
        Assert.Equal(4.0, parts.Sum(p => p.DurationSec), 3);
        Assert.All(parts, p => Assert.True(p.Speed >= BeatCoveragePlanner.MinSpeed));
    }

    [Fact]
    public void Plan_PicksCoverLessThan80Percent_CannotFill()
    {
        Assert.Null(BeatCoveragePlanner.Plan([Clip("a.mp4", 1), Clip("b.mp4", 2)], 4));
        Assert.Null(BeatCoveragePlanner.Plan([], 4));
    }

    [Fact]
    public void Plan_Still_CoversWhatIsLeftOfAnyBeat()
    {
        var parts = BeatCoveragePlanner.Plan([Clip("a.mp4", 1), Still("b.png"), Clip("c.mp4", 9)], 12)!;

        Assert.Equal([("a.mp4", 1.0, false), ("b.png", 11.0, true)], parts.Select(p => (p.Item, p.DurationSec, p.Still)));
    }
}
