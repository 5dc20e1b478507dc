using AiVideo.Agents.Decisions;
using AiVideo.Agents.Publishing;
using AiVideo.Core.Domain;
using AiVideo.Testing.Fakes;

namespace AiVideo.Agents.Tests.Agents;

public class PublishingAgentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly AgentDecisionList _decisions = new();

    private Task<PublishPlan> PlanAsync(string answer) =>
        AgentFixtures.Publishing(new ScriptedChatClient().ThenText(answer), _decisions, new FixedTime(Now))
            .PlanAsync(AgentFixtures.ValidScript(), AgentFixtures.Channel, default);

    [Fact]
    public async Task Plan_ValidPostsAndWindow_UsesTheAgentsWordsAndTime()
    {
        var plan = await PlanAsync("""
            {"posts":[{"platform":"tiktok","title":"The Moon is leaving","caption":"3.8 cm a year! #space","hashtags":["#space","#moon"]},
                      {"platform":"youtube_shorts","title":"Why the Moon drifts away","caption":"NASA lasers explain","hashtags":["#shorts"]}],
             "postAt":"2026-11-25T18:00:00Z","reason":"evening slot performs best"}
            """);
        Assert.Equal(["publishing-agent", "publishing-agent"], plan.Posts.Select(p => p.Author));
        Assert.Equal("The Moon is leaving", plan.Posts.Single(p => p.Platform == "tiktok").Metadata.Title);
        Assert.Equal("space", plan.Posts[0].Metadata.ChannelId);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero), plan.PostAt);
        Assert.Equal("metadata written", Assert.Single(_decisions.Decisions).Verdict);
    }

    [Fact]
    public async Task Plan_PostForAPlatformTheChannelDoesNotList_IsDroppedWithANote()
    {
        var plan = await PlanAsync("""
            {"posts":[{"platform":"webhook","title":"x","caption":"y","hashtags":[]},
                      {"platform":"tiktok","title":"Moon","caption":"c","hashtags":[]}],"postAt":"2026-11-25T18:00:00Z"}
            """);
        Assert.Equal(["tiktok", "youtube_shorts"], plan.Posts.Select(p => p.Platform));
        Assert.Contains(plan.Notes, n => n.Contains("'webhook'") && n.Contains("not one of the channel's platforms"));
        Assert.Equal("deterministic", plan.Posts.Single(p => p.Platform == "youtube_shorts").Author);
    }

    [Fact]
    public async Task Plan_TitleOverTheLimitOrMisspelledBrand_FallsBackForThatPlatform()
    {
        var longTitle = new string('a', 101);
        var plan = await PlanAsync($$"""
            {"posts":[{"platform":"youtube_shorts","title":"{{longTitle}}","caption":"c","hashtags":[]},
                      {"platform":"tiktok","title":"nasa says","caption":"c","hashtags":[]}],"postAt":"2026-11-25T18:00:00Z"}
            """);
        Assert.All(plan.Posts, p => Assert.Equal("deterministic", p.Author));
        Assert.Contains(plan.Notes, n => n.Contains("youtube_shorts: title is 101 characters"));
        Assert.Contains(plan.Notes, n => n.Contains("misspells the brand word 'NASA'"));
    }

    [Fact]
    public async Task Plan_TimeOutsideTheWindows_UsesTheNextWindow()
    {
        var plan = await PlanAsync("""{"posts":[],"postAt":"2026-11-25T03:00:00Z"}""");
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero), plan.PostAt);
        Assert.Contains(plan.Notes, n => n.Contains("not one of the channel's windows"));
    }

    [Fact]
    public async Task Plan_UnparseableTwice_FallsBackToDeterministicMetadata()
    {
        var planner = AgentFixtures.Publishing(new ScriptedChatClient().ThenText("no").ThenText("still no"), _decisions, new FixedTime(Now));
        var plan = await planner.PlanAsync(AgentFixtures.ValidScript(), AgentFixtures.Channel, default);
        Assert.All(plan.Posts, p => Assert.Equal("deterministic", p.Author));
        Assert.Equal("metadata fell back", Assert.Single(_decisions.Decisions).Verdict);
    }

    [Fact]
    public void NextWindow_AfterTheLastWindowOfTheDay_IsTomorrowsFirst()
    {
        var schedule = new PostingSchedule(new FixedTime(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero), schedule.Next(AgentFixtures.Channel));
    }
}
