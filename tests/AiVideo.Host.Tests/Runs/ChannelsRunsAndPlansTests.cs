using AiVideo.Agents.Campaigns;
using AiVideo.Core;
using AiVideo.Host.Chat;
using AiVideo.Host.Runs;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Runs;

public class ChannelsRunsAndPlansTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Resolve_KnownId_FindsTheFile_UnknownId_ListsTheKnownOnes()
    {
        var channels = new ChannelDirectory([RepoPaths.Samples("channels")]);
        Assert.Equal("space-facts", channels.Resolve("space-facts").Channel.Id);
        var ex = Assert.Throws<InvalidInputException>(() => channels.Resolve("../../etc/passwd"));
        Assert.Contains("unknown channel", ex.Message);
        Assert.Contains("kitchen-science", ex.Message);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("20261125-101500-A1B2C3")]
    public void Show_NotARunId_IsRefused(string id) =>
        Assert.Contains("is not a run id", Assert.Throws<InvalidInputException>(() => new RunHistory(_dir.Path).Show(id)).Message);

    [Fact]
    public void List_NoOutDirectory_IsEmpty() => Assert.Empty(new RunHistory(_dir.Combine("missing")).List());

    [Theory]
    [InlineData("ab", new[] { "fact" }, "title must be 3..120")]
    [InlineData("A title", new string[0], "needs 1..12 facts")]
    public void BriefFrom_BadArguments_ClearError(string title, string[] facts, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => HostFunctions.BriefFrom(title, facts, null)).Message);

    [Fact]
    public void CampaignPlan_SaveThenLoad_RoundTripsUnderASafeFileName()
    {
        var store = new CampaignPlanStore();
        var plan = new CampaignPlan
        {
            Name = "Moon / week ../1", Channel = "space-facts",
            Videos = [new CampaignVideo(new DateOnly(2026, 12, 1), new CampaignBrief("The Moon drifts", ["3.8 cm a year."]))],
        };
        var path = store.Save(plan, _dir.Path);
        Assert.Equal(Path.Combine(_dir.Path, "moon-week-1.json"), path);
        var loaded = store.Load(path);
        Assert.Equal(plan.Videos[0].Date, loaded.Videos[0].Date);
        Assert.Equal("The Moon drifts", loaded.Videos[0].Brief.ToBrief().Title);
    }

    public void Dispose() => _dir.Dispose();
}
