using System.Text.Json;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Pipeline;

/// <summary>
/// The drift gate per source: cloud-generated shots against the channel reference or the run's first accepted
/// generated shot; found footage on relevance and technical sanity; procedural shots as before.
/// </summary>
public sealed class DriftGateBySourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ArtifactWorkspace _workspace;
    private readonly FakeMediaTools _tools;

    public DriftGateBySourceTests()
    {
        _workspace = new ArtifactWorkspace(_dir.Path);
        _tools = new FakeMediaTools(_workspace);
    }

    private static ChannelProfile Channel(string source, string? reference = null) => new()
    {
        Id = "c1", Name = "Chan", Niche = "space facts", Platforms = [PlatformNames.TikTok],
        Render = new RenderSettings { Seed = 3, DriftThreshold = 0.5, MaxRerenders = 2, ReferenceImage = reference },
        Visuals = new VisualsSettings { Sources = [source] },
    };

    private async Task<(RunOutcome Outcome, RunJournal Journal)> RunAsync(ChannelProfile channel)
    {
        var brief = new Brief("The Moon", ["The Moon has deep craters on its surface.", "Ocean tides follow the Moon.", "The Moon drifts away each year."], null, []);
        var run = new RunContext("run1", channel, brief, new VideoSize(360, 640), 30, 2);
        _tools.LastNarrationSec = new DeterministicScriptWriter().Write(brief, channel).NarrationText.Split(' ').Length * 0.3;
        var journal = new RunJournal(new SilentRunProgress());
        var outcome = await new PipelineWorkflow(PipelineAgents.Offline(TimeProvider.System), _tools, _workspace).RunAsync(run, journal, CancellationToken.None);
        Assert.NotNull(outcome);
        return (outcome, journal);
    }

    [Fact]
    public async Task CloudShots_NoReferenceConfigured_FirstAcceptedShotBecomesTheReferenceForTheOthers()
    {
        var (outcome, journal) = await RunAsync(Channel(VisualSources.Kling));

        Assert.True(outcome.Published, outcome.Reason);
        var first = journal.Gates.Single(g => g.Name == "render.drift:s01");
        Assert.True(first.Passed);
        Assert.Contains("became the run's drift reference", first.Reason);
        var reference = "runs/run1/shots/s01-a1.mp4";
        Assert.DoesNotContain(_tools.SimilarityCalls, c => c.Clip.Contains("s01", StringComparison.Ordinal));
        Assert.Equal([("runs/run1/shots/s02-a1.mp4", reference, VisualSources.Kling), ("runs/run1/shots/s03-a1.mp4", reference, VisualSources.Kling)],
            _tools.SimilarityCalls.OrderBy(c => c.Clip, StringComparer.Ordinal).Select(c => (c.Clip, c.Reference, c.Source)));
        Assert.Contains("by image-embedding:fake", journal.Gates.Single(g => g.Name == "render.drift:s02").Reason);
    }

    [Fact]
    public async Task CloudShots_DriftedShot_IsReRenderedAndMeasuredAgainstTheSameFirstShot()
    {
        _tools.Similarity = (clip, attempt) => clip.Contains("s03", StringComparison.Ordinal) && attempt == 1 ? 0.2 : 0.9;

        var (outcome, journal) = await RunAsync(Channel(VisualSources.Runway));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Contains(journal.Gates, g => g.Name == "render.drift:s03" && !g.Passed && g.Reason.Contains("drifted", StringComparison.Ordinal));
        Assert.Equal([1, 2], _tools.Renders.Where(r => r.Shot == "s03").Select(r => r.Attempt));
        Assert.Equal([1], _tools.Renders.Where(r => r.Shot == "s01").Select(r => r.Attempt));
        Assert.All(_tools.SimilarityCalls, c => Assert.Equal("runs/run1/shots/s01-a1.mp4", c.Reference));
        Assert.Contains(_tools.SimilarityCalls, c => c.Clip == "runs/run1/shots/s03-a2.mp4");
        Assert.Single(journal.Gates, g => g.Reason.Contains("became the run's drift reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloudShots_ReferenceConfigured_EveryShotIsMeasuredAgainstIt()
    {
        var (outcome, journal) = await RunAsync(Channel(VisualSources.Veo, reference: "refs/hero.png"));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal(3, _tools.SimilarityCalls.Count);
        Assert.All(_tools.SimilarityCalls, c => Assert.Equal("refs/hero.png", c.Reference));
        Assert.DoesNotContain(journal.Gates, g => g.Reason.Contains("became the run's drift reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FoundFootage_IsNeverMeasuredForDrift_ButCheckedForSanityAtTheShotSize()
    {
        var (outcome, journal) = await RunAsync(Channel(VisualSources.Pexels));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Empty(_tools.SimilarityCalls);
        Assert.Equal(3, _tools.FootageChecks.Count);
        Assert.All(journal.Gates.Where(g => g.Name.StartsWith("render.drift:", StringComparison.Ordinal)), g => Assert.Contains("not measured", g.Reason));
        var footage = journal.Gates.Where(g => g.Name.StartsWith("render.footage:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, footage.Count);
        Assert.All(footage, g => Assert.True(g.Passed, g.Reason));
        Assert.All(footage, g => Assert.Equal(0.5, g.Value));
    }

    [Fact]
    public async Task FoundFootage_BlackOnTheFirstAttempt_IsReRenderedOnce()
    {
        _tools.Footage = (clip, attempt, size) => new FootageCheckToolResult(clip, size.Width, size.Height, size.Width, size.Height, true, true,
            clip.Contains("s02", StringComparison.Ordinal) && attempt == 1 ? 0.01 : 0.4, 0.01, 10, false, 5);

        var (outcome, journal) = await RunAsync(Channel(VisualSources.Pixabay));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Contains(journal.Gates, g => g.Name == "render.footage:s02" && !g.Passed && g.Reason.Contains("black", StringComparison.Ordinal));
        Assert.Equal([1, 2], _tools.Renders.Where(r => r.Shot == "s02").Select(r => r.Attempt));
        Assert.Equal([1], _tools.Renders.Where(r => r.Shot == "s01").Select(r => r.Attempt));
    }

    [Fact]
    public async Task FoundFootage_LowRelevanceEveryTime_DeadLettersAfterTheBoundNamingRelevance()
    {
        _tools.FoundScore = 0.05;

        var (outcome, _) = await RunAsync(Channel(VisualSources.Library));

        Assert.Equal("dead_lettered", outcome.Kind);
        Assert.Equal("drift_gate", outcome.FailedStep);
        Assert.Contains("relevance 0.05 < 0.12", outcome.Reason);
        Assert.Contains("gave up after 2 re-render(s)", outcome.Reason);
        Assert.Equal([1, 2, 3], _tools.Renders.Where(r => r.Shot == "s01").Select(r => r.Attempt));
    }

    [Fact]
    public async Task ProceduralShots_AreMeasuredAsBefore_WithoutTheMethodInTheReason()
    {
        var (outcome, journal) = await RunAsync(Channel(VisualSources.Procedural));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Empty(_tools.FootageChecks);
        Assert.All(_tools.SimilarityCalls, c => Assert.Equal((null, VisualSources.Procedural), (c.Reference, c.Source)));
        Assert.Equal("similarity 0.9 ≥ 0.5 (attempt 1)", journal.Gates.Single(g => g.Name == "render.drift:s01").Reason);
    }

    [Fact]
    public void DriftReference_SurvivesTheCheckpointedMessage()
    {
        PipelineMessage message = new ShotsApproved(new ProductionState { DriftReference = "runs/run1/shots/s01-a1.mp4" });

        var back = JsonSerializer.Deserialize<PipelineMessage>(JsonSerializer.Serialize(message));

        Assert.Equal("runs/run1/shots/s01-a1.mp4", Assert.IsType<ShotsApproved>(back).State.DriftReference);
    }

    public void Dispose() => _dir.Dispose();
}
