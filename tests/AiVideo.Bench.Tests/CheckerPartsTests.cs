using AiVideo.Bench.Reliability;
using AiVideo.Testing;

namespace AiVideo.Bench.Tests;

public sealed class CheckerPartsTests
{
    private const string Ass = """
        [Script Info]
        PlayResX: 72

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:00.00,0:00:00.34,Caption,c0000,0,0,0,,{\c&H0000E5FF&}NASA{\c&H00FFFFFF&} tracks, the
        Dialogue: 0,0:00:00.34,0:00:00.84,Caption,c0000,0,0,0,,NASA {\c&H0000E5FF&}tracks,{\c&H00FFFFFF&} the
        Dialogue: 0,0:00:00.84,0:00:01.20,Caption,c0000,0,0,0,,NASA tracks, {\c&H0000E5FF&}the{\c&H00FFFFFF&}
        """;

    private static readonly TimedWord[] Words = [new("NASA", 0, 0.34), new("tracks,", 0.34, 0.84), new("the", 0.84, 1.2)];

    [Fact]
    public void Ass_Parse_StripsTagsAndKeepsCommasInText()
    {
        var events = AssCaptions.Parse(Ass);

        Assert.Equal(3, events.Count);
        Assert.Equal("NASA tracks, the", events[0].Text);
        Assert.Equal(0.84, events[2].StartSec, 3);
    }

    [Fact]
    public void Ass_Compare_CaptionsMatchingTheNarration_NoProblems() =>
        Assert.Empty(AssCaptions.Compare(AssCaptions.Parse(Ass), Words, videoSec: 1.3, audioSec: 1.3));

    [Fact]
    public void Ass_Compare_WordsSpokenLaterThanCaptioned_AndAudioShorterThanTheTimings_AreProblems()
    {
        var late = Words.Select(w => w with { StartSec = w.StartSec + 1, EndSec = w.EndSec + 1 }).ToList();

        var problems = AssCaptions.Compare(AssCaptions.Parse(Ass), late, videoSec: 2.3, audioSec: 1.1);

        Assert.Contains(problems, p => p.Contains("not captioned while spoken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("audio ends at 1.10 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NASA tracks the Moon", 0)]
    [InlineData("NASa tracks the Moon", 1)]
    [InlineData("Nasa tracks the Moon", 1)]
    [InlineData("NASB tracks the Moon", 1)]
    [InlineData("a nasal voice", 0)]
    public void Text_Misspelled_FindsNearBrandTokensOnly(string text, int expected) =>
        Assert.Equal(expected, TextChecks.Misspelled(text, ["NASA"]).Count);

    [Fact]
    public void Text_Misspelled_LongBrand_EditDistanceTwo() =>
        Assert.Equal(["ElevenLabsx"], TextChecks.Misspelled("voices by ElevenLabsx and ElevenLabs", ["ElevenLabs"]));

    [Fact]
    public void Text_Banned_WholeWordsIgnoringCase() =>
        Assert.Equal(["miracle"], TextChecks.Banned("A MIRACLE cure", ["miracle", "scam"]));

    /// <summary>A benchmark must not share code with what it judges: the checker and simulator sources name no product judge.</summary>
    [Fact]
    public void CheckerAndSimulator_Sources_DoNotUseProductGatesClassifiersToolsOrMedia()
    {
        var bench = Path.Combine(RepoPaths.Root, "bench", "AiVideo.Bench");
        var judges = Directory.GetFiles(Path.Combine(bench, "Reliability"), "*.cs").Where(f => !f.EndsWith("ReliabilityBenchmark.cs", StringComparison.Ordinal)
                && !f.EndsWith("ReliabilityOptions.cs", StringComparison.Ordinal))
            .Append(Path.Combine(bench, "Learning", "AudienceSimulator.cs"));
        foreach (var file in judges)
        {
            var text = File.ReadAllText(file);
            foreach (var forbidden in new[] { "HookStyles", "AiVideo.Media", "McpToolbox", "AiVideo.Core.Gates", "Gate(", "AiVideo.Memory", "CallAsync" })
            {
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {forbidden}");
            }
        }
    }
}
