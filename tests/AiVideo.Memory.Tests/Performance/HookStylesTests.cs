using System.Globalization;
using AiVideo.Memory.Performance;

namespace AiVideo.Memory.Tests.Performance;

public sealed class HookStylesTests
{
    private const string Title = "The moon is drifting away";

    // Copied from DeterministicScriptWriter.HookTemplates (src/Agents/Scripts/DeterministicScriptWriter.cs), which
    // Memory.Tests cannot reference: the classifier must give each template back its own style.
    [Theory]
    [InlineData(HookStyles.Curiosity, "{0}? Here is what almost nobody tells you.")]
    [InlineData(HookStyles.Promise, "{0}. Stay to the end for the best part.")]
    [InlineData(HookStyles.Shock, "You won't believe this: {0}.")]
    [InlineData(HookStyles.FastFacts, "{0}. Here are the facts in under a minute.")]
    [InlineData(HookStyles.Question, "Did you know this about {0}?")]
    [InlineData(HookStyles.Statement, "{0}. Let me explain.")]
    public void Classify_DeterministicWriterTemplate_ReturnsItsStyle(string style, string template)
    {
        var hook = string.Format(CultureInfo.InvariantCulture, template, Title);

        Assert.Equal(style, HookStyles.Classify(hook));
    }

    [Fact]
    public void All_ListsSixDistinctKnownStyles()
    {
        Assert.Equal(6, HookStyles.All.Distinct().Count());
        Assert.All(HookStyles.All, s => Assert.True(HookStyles.IsKnown(s)));
        Assert.False(HookStyles.IsKnown("clickbait"));
    }

    [Fact]
    public void Of_ObservationWithViewPercent_EqualsDocumentedFormula()
    {
        var m = new MetricsObservation
        {
            Platform = "youtube_shorts",
            ExternalId = "v1",
            ObservedAt = DateTimeOffset.UnixEpoch,
            Views = 12_345,
            AverageViewPercent = 63.7,
            Likes = 321,
            Comments = 45,
            Shares = 17,
            Follows = 8,
            WatchTimeSec = 99_999,
        };

        // score = views·avg%/100 + 2·likes + 3·comments + 5·shares + 10·follows
        //       = 7863.765 + 642 + 135 + 85 + 80
        Assert.Equal(8805.765, PerformanceScore.Of(m), 6);
    }

    [Fact]
    public void Of_NoViewPercent_StillRanksByViews()
    {
        // TikTok reports no view %: the doc promises such videos still rank by what they report.
        MetricsObservation TikTok(long views) => new() { Platform = "tiktok", ExternalId = "t", ObservedAt = DateTimeOffset.UnixEpoch, Views = views, Likes = 10 };

        Assert.True(PerformanceScore.Of(TikTok(10_000)) > PerformanceScore.Of(TikTok(1_000)));
        Assert.True(PerformanceScore.Of(TikTok(1_000)) > PerformanceScore.Of(TikTok(0)));
        Assert.Equal(20, PerformanceScore.Of(TikTok(0)));
    }
}
