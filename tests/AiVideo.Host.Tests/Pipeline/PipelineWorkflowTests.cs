using AiVideo.Host.Mcp;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Pipeline;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Pipeline;

public class PipelineWorkflowTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ArtifactWorkspace _workspace;
    private readonly FakeMediaTools _tools;

    public PipelineWorkflowTests()
    {
        _workspace = new ArtifactWorkspace(_dir.Path);
        _tools = new FakeMediaTools(_workspace);
    }

    private static ChannelProfile Channel(double threshold = 0.5, int maxRerenders = 2, params string[] banned) => new()
    {
        Id = "c1", Name = "Chan", Niche = "facts", Platforms = [PlatformNames.TikTok, PlatformNames.YouTubeShorts],
        Render = new RenderSettings { Seed = 3, DriftThreshold = threshold, MaxRerenders = maxRerenders }, BannedWords = banned,
    };

    private async Task<(RunOutcome Outcome, RunJournal Journal)> RunAsync(ChannelProfile channel, Brief? brief = null, Func<RunJournal, PipelineAgents>? agents = null)
    {
        brief ??= new Brief("A tiny test", ["Honey never spoils.", "Bees make it from nectar."], null, []);
        var run = new RunContext("run1", channel, brief, new VideoSize(360, 640), 30, 2);
        _tools.LastNarrationSec = new DeterministicScriptWriter().Write(brief, channel).NarrationText.Split(' ').Length * 0.3;
        var journal = new RunJournal(new SilentRunProgress());
        var pipelineAgents = agents?.Invoke(journal) ?? PipelineAgents.Offline(TimeProvider.System);
        var outcome = await new PipelineWorkflow(pipelineAgents, _tools, _workspace).RunAsync(run, journal, CancellationToken.None);
        Assert.NotNull(outcome);
        return (outcome, journal);
    }

    [Fact]
    public async Task Run_AllGatesPass_PublishesToEveryChannelPlatform()
    {
        var (outcome, journal) = await RunAsync(Channel());
        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal(["publish:tiktok", "publish:youtube_shorts"], _tools.Calls.Where(c => c.StartsWith("publish")));
        Assert.Equal(["script", "script_gate", "voice", "render", "drift_gate", "assemble", "qa", "publish"], journal.Steps.Select(s => s.Name));
        Assert.All(journal.Gates, g => Assert.True(g.Passed, g.Reason));
        Assert.Equal(2, journal.Receipts.Count);
        Assert.NotEqual(journal.Receipts[0].IdempotencyKey, journal.Receipts[1].IdempotencyKey);
    }

    [Fact]
    public async Task Run_KineticTextOn_EachShotGetsItsBeatsKeyPhraseAndTheChannelFont()
    {
        var channel = Channel() with { Render = Channel().Render with { Font = "DejaVu Serif" } };
        var brief = new Brief("Moon facts", ["The Moon drifts four centimetres a year.", "Laser reflectors left by the Apollo crews measure it."], null, []);

        var (outcome, journal) = await RunAsync(channel, brief);

        Assert.True(outcome.Published, outcome.Reason);
        var script = journal.Script!;
        Assert.All(_tools.RenderCalls, call =>
        {
            var beat = script.Beats.First(b => b.ShotId == call.Shot.Id);
            Assert.Equal(AiVideo.Core.Scripts.KeyPhrase.From(beat.Text), call.Overlay);
            Assert.Equal("DejaVu Serif", call.Font);
        });
        Assert.Contains(_tools.RenderCalls, c => c.Overlay == "FOUR CENTIMETRES");
        Assert.Contains(_tools.RenderCalls, c => c.Overlay == "APOLLO");
    }

    [Fact]
    public async Task Run_KineticTextOff_NoShotGetsAnOverlay()
    {
        var channel = Channel() with { Render = Channel().Render with { KineticText = false } };

        var (outcome, _) = await RunAsync(channel);

        Assert.True(outcome.Published, outcome.Reason);
        Assert.NotEmpty(_tools.RenderCalls);
        Assert.All(_tools.RenderCalls, call => Assert.Null(call.Overlay));
    }

    [Fact]
    public async Task Run_ChannelWithMusic_StagesTheRunsTrackInTheWorkspace_ReportsTheMeasuredDucking()
    {
        var tracks = Directory.CreateDirectory(_dir.Combine("operator-tracks")).FullName;
        foreach (var name in new[] { "a.mp3", "b.m4a", "c.ogg" }) File.WriteAllText(Path.Combine(tracks, name), $"track {name}");
        var channel = Channel() with { Music = new MusicSettings { Path = tracks, VolumeDb = -20, DuckDb = 10 } };
        var expected = AiVideo.Core.Channels.MusicTracks.Pick(AiVideo.Core.Channels.MusicTracks.List(tracks), "run1");

        var (outcome, journal) = await RunAsync(channel);

        Assert.True(outcome.Published, outcome.Reason);
        var staged = $"runs/run1/music{Path.GetExtension(expected)}";
        Assert.Contains($"assemble+music:{staged}", _tools.Calls);
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(_workspace.ResolveExistingFile(staged)));
        var report = new AiVideo.Host.Reports.RunReportWriter().Build(new RunContext("run1", channel, new Brief("t", [], null, []), new VideoSize(360, 640), 30, 2),
            journal, outcome, _dir.Path, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(new MusicMix(expected, 9.9, -45, -33, report.Music!.SpeechSec, 0.5, -20, 10), report.Music);
        Assert.Contains("\"duckDepthDb\": 9.9", AiVideo.Host.Reports.RunReportWriter.Serialize(report));
    }

    [Fact]
    public async Task Run_OnePlatformFailsForGoodAfterAnotherSucceeded_PartiallyPublishedNamingTheMissingPlatform()
    {
        _tools.RefusingPlatforms.Add(PlatformNames.YouTubeShorts);

        var (outcome, journal) = await RunAsync(Channel());

        Assert.Equal("partially_published", outcome.Kind);
        Assert.Equal(PlatformNames.TikTok, Assert.Single(outcome.Live).Platform);
        var missing = Assert.Single(outcome.Missing);
        Assert.Equal(PlatformNames.YouTubeShorts, missing.Platform);
        Assert.Contains("refused the upload", missing.Reason);
        Assert.Contains("youtube_shorts", outcome.Reason);
        Assert.Contains(journal.Gates, g => g.Name == "publish.receipt:youtube_shorts" && !g.Passed);
        Assert.NotNull(outcome.Video);
    }

    [Fact]
    public async Task Run_PostLandedButAnswered502AfterRetries_CountedLiveNotDeadLettered()
    {
        _tools.LandsButFailsPlatforms.Add(PlatformNames.TikTok);

        var (outcome, _) = await RunAsync(Channel());

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal([PlatformNames.TikTok, PlatformNames.YouTubeShorts], outcome.Live.Select(l => l.Platform));
        Assert.Empty(outcome.Missing);
        Assert.Contains("find_publication", _tools.Calls); // reconciled with the publisher, not assumed
    }

    [Fact]
    public async Task Run_MemoryRegistrationFailsAfterThePostLanded_StillPublished()
    {
        var run = new RunContext("run1", Channel(), new Brief("A tiny test", ["Honey never spoils."], null, []), new VideoSize(360, 640), 30, 2);
        _tools.LastNarrationSec = new DeterministicScriptWriter().Write(run.Brief, run.Channel).NarrationText.Split(' ').Length * 0.3;
        var journal = new RunJournal(new SilentRunProgress());

        var outcome = await new PipelineWorkflow(PipelineAgents.Offline(TimeProvider.System), _tools, _workspace, published: new FailingSink())
            .RunAsync(run, journal, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal(2, outcome.Live.Count);
    }

    private sealed class FailingSink : IPublishedVideoSink
    {
        public Task RecordAsync(RunContext run, VideoScript script, PublishReceipt receipt, DateTimeOffset postAt, double durationSec, CancellationToken cancellationToken) =>
            throw new ToolCallException("publish", "register_publication", "SQLite Error 1: 'no such table: performance_videos'");
    }

    [Fact]
    public async Task Run_EveryPlatformFailsForGood_DeadLetteredAtPublishWithEachPlatformsReason()
    {
        _tools.RefusingPlatforms.UnionWith([PlatformNames.TikTok, PlatformNames.YouTubeShorts]);

        var (outcome, _) = await RunAsync(Channel());

        Assert.Equal("dead_lettered", outcome.Kind);
        Assert.Equal("publish", outcome.FailedStep);
        Assert.Empty(outcome.Live);
        Assert.Equal([PlatformNames.TikTok, PlatformNames.YouTubeShorts], outcome.Missing.Select(m => m.Platform));
    }

    [Fact]
    public async Task Run_ShotsRenderedAtTheirNarrationLength()
    {
        await RunAsync(Channel());
        var renders = _tools.Renders.ToList();
        Assert.Equal(2, renders.Count);
        Assert.Equal(_tools.LastNarrationSec, renders.Sum(r => r.Duration), 2);
    }

    [Fact]
    public async Task Run_DriftBelowThreshold_RerendersTwiceThenDeadLetters()
    {
        _tools.Similarity = (path, _) => path.Contains("s01") ? 0.2 : 0.9;
        var (outcome, journal) = await RunAsync(Channel(threshold: 0.5, maxRerenders: 2));
        Assert.False(outcome.Published);
        Assert.Equal("drift_gate", outcome.FailedStep);
        Assert.Contains("shot s01 drifted", outcome.Reason);
        Assert.Contains("gave up after 2 re-render(s)", outcome.Reason);
        Assert.Equal(["render:s01:1", "render:s01:2", "render:s01:3"], _tools.Calls.Where(c => c.StartsWith("render:s01")));
        Assert.Single(_tools.Calls, c => c.StartsWith("render:s02"));
        Assert.DoesNotContain(_tools.Calls, c => c == "assemble" || c.StartsWith("publish"));
        Assert.Equal(3, journal.Steps.Single(s => s.Name == "render").Attempts);
    }

    [Fact]
    public async Task Run_DriftRecoversOnRerender_Publishes()
    {
        _tools.Similarity = (path, attempt) => path.Contains("s02") && attempt == 1 ? 0.1 : 0.9;
        var (outcome, journal) = await RunAsync(Channel());
        Assert.True(outcome.Published, outcome.Reason);
        Assert.Contains(journal.Gates, g => g is { Name: "render.drift:s02", Passed: false });
        Assert.Contains("render:s02:2", _tools.Calls);
    }

    [Fact]
    public async Task Run_BannedWordInBrief_DeadLettersAtScriptGate_BeforeAnyMediaWork()
    {
        var (outcome, _) = await RunAsync(Channel(banned: "spoils"));
        Assert.False(outcome.Published);
        Assert.Equal("script_gate", outcome.FailedStep);
        Assert.Contains("spoils", outcome.Reason);
        Assert.Empty(_tools.Calls);
    }

    public void Dispose() => _dir.Dispose();
}
