using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using AiVideo.Host.Runs;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Pipeline;

/// <summary>The render step walks the channel's visuals.sources per shot; the drift gate measures generated shots only.</summary>
public class VisualSourceFallbackTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ArtifactWorkspace _workspace;
    private readonly FakeMediaTools _tools;

    public VisualSourceFallbackTests()
    {
        _workspace = new ArtifactWorkspace(_dir.Path);
        _tools = new FakeMediaTools(_workspace);
    }

    private ChannelProfile Channel(params string[] sources) => new()
    {
        Id = "c1", Name = "Chan", Niche = "space facts", Platforms = [PlatformNames.TikTok],
        Render = new RenderSettings { Seed = 3, DriftThreshold = 0.5, MaxRerenders = 2 },
        Visuals = new VisualsSettings { Sources = sources, Library = new LibrarySettings { Path = _dir.Path, AvoidRecentVideos = 3 } },
    };

    private async Task<(RunOutcome Outcome, RunJournal Journal)> RunAsync(ChannelProfile channel)
    {
        var brief = new Brief("The Moon", ["The Moon has deep craters on its surface.", "Ocean tides follow the Moon."], null, []);
        var run = new RunContext("run1", channel, brief, new VideoSize(360, 640), 30, 2);
        _tools.LastNarrationSec = new DeterministicScriptWriter().Write(brief, channel).NarrationText.Split(' ').Length * 0.3;
        var journal = new RunJournal(new SilentRunProgress());
        var outcome = await new PipelineWorkflow(PipelineAgents.Offline(TimeProvider.System), _tools, _workspace).RunAsync(run, journal, CancellationToken.None);
        Assert.NotNull(outcome);
        return (outcome, journal);
    }

    [Fact]
    public async Task Render_LibraryCannotFillAShot_ThatShotFallsBackToProcedural_OthersStayLibrary()
    {
        _tools.CannotFill = call => call.Source == VisualSources.Library && call.Shot.Id == "s02" ? "nothing unused scores 0.2 or more" : null;

        var (outcome, _) = await RunAsync(Channel(VisualSources.Library, VisualSources.Procedural));

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal([("s01", VisualSources.Library), ("s02", VisualSources.Procedural)], outcome.Shots.Select(s => (s.ShotId, s.Source)));
        Assert.Equal([VisualSources.Library, VisualSources.Library, VisualSources.Procedural],
            _tools.RenderCalls.OrderBy(c => c.Shot.Id, StringComparer.Ordinal).ThenBy(c => c.Source == VisualSources.Procedural).Select(c => c.Source));
    }

    [Fact]
    public async Task Render_LibraryCalls_CarryTheShotQueryTheLibraryAndTheRun()
    {
        var (outcome, _) = await RunAsync(Channel(VisualSources.Library, VisualSources.Procedural));

        Assert.True(outcome.Published, outcome.Reason);
        var call = _tools.RenderCalls.First(c => c.Shot.Id == "s01");
        Assert.Equal(VisualSources.Library, call.Source);
        Assert.Equal(_dir.Path, call.Library!.Path);
        Assert.Equal(3, call.Library.AvoidRecentVideos);
        Assert.Equal(("c1", "run1"), (call.ChannelId, call.RunId));
        Assert.Contains("moon", call.Query);
        Assert.Contains("craters", call.Query);
        var arguments = McpMediaTools.RenderArguments(call);
        Assert.Equal(VisualSources.Library, arguments["source"]);
        Assert.Equal(call.Query, arguments["query"]);
        Assert.Equal(_dir.Path, arguments["libraryPath"]);
        Assert.Equal("s01", arguments["shotId"]);
    }

    [Fact]
    public async Task Render_NoSourceCanFillAShot_RunFailsAtRenderWithEverySourcesReason()
    {
        _tools.CannotFill = call => call.Shot.Id == "s01" ? "nothing fits" : null;

        var (outcome, _) = await RunAsync(Channel(VisualSources.Library, VisualSources.Procedural));

        Assert.Equal("dead_lettered", outcome.Kind);
        Assert.Equal("render", outcome.FailedStep);
        Assert.Contains("no visual source could fill shot s01", outcome.Reason);
        Assert.Contains("library: nothing fits", outcome.Reason);
        Assert.Contains("procedural: nothing fits", outcome.Reason);
    }

    [Fact]
    public async Task DriftGate_LibraryShotsUnderThreshold_PassUnmeasured_WhileProceduralShotsAreStillGated()
    {
        _tools.CannotFill = call => call.Source == VisualSources.Library && call.Shot.Id == "s02" ? "nothing fits" : null;
        _tools.Similarity = (_, attempt) => attempt == 1 ? 0.1 : 0.9; // every first render "drifts"

        var (outcome, journal) = await RunAsync(Channel(VisualSources.Library, VisualSources.Procedural));

        Assert.True(outcome.Published, outcome.Reason);
        var library = journal.Gates.Single(g => g.Name == "render.drift:s01");
        Assert.True(library.Passed);
        Assert.Contains("not measured", library.Reason);
        Assert.Null(library.Value);
        Assert.Contains(journal.Gates, g => g.Name == "render.drift:s02" && !g.Passed); // the procedural fallback is measured…
        Assert.Equal([1], _tools.Renders.Where(r => r.Shot == "s01").Select(r => r.Attempt));  // …the library shot is never re-rendered
        Assert.Equal([1, 2], _tools.Renders.Where(r => r.Shot == "s02").Select(r => r.Attempt));
        // The re-render starts at the source that filled the shot: procedural, not the library again.
        Assert.Equal(VisualSources.Procedural, _tools.RenderCalls.Last(c => c.Shot.Id == "s02").Source);
        Assert.Equal(2, _tools.RenderCalls.Count(c => c.Shot.Id == "s02" && c.Source == VisualSources.Procedural));
    }

    [Fact]
    public async Task Report_ListsEveryShotsSourceItemAndScore()
    {
        var (outcome, journal) = await RunAsync(Channel(VisualSources.Library));
        var run = new RunContext("run1", Channel(VisualSources.Library), new Brief("The Moon", ["x"], null, []), new VideoSize(360, 640), 30, 2);

        var report = new RunReportWriter().Build(run, journal, outcome, _dir.Path, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(["s01", "s02"], report.Shots.Select(s => s.ShotId));
        Assert.All(report.Shots, s => Assert.Equal((VisualSources.Library, 0.5), (s.Source, s.Score!.Value)));
        Assert.Equal("s01.mp4", report.Shots[0].Item);
        Assert.Equal("s01.mp4 slowed to 0.9x", report.Shots[0].Note);
        Assert.Contains("\"item\": \"s01.mp4\"", RunReportWriter.Serialize(report));
    }

    [Fact]
    public void AllowedLibraries_ChannelUsesLibrary_AddsItsFolderToWhatMcpJsonAllows()
    {
        var mcp = Path.Combine(_dir.Path, "mcp.json");
        File.WriteAllText(mcp, """{ "mcpServers": { "aivideo-render": { "command": "dotnet", "args": ["x.dll"], "env": { "AIVIDEO_RENDER_LIBRARIES": "/srv/clips" } } } }""");
        var catalog = new McpServerCatalog(mcp);

        Assert.Equal($"/srv/clips{Path.PathSeparator}{_dir.Path}", VideoMaker.AllowedLibraries(catalog, Channel(VisualSources.Library, VisualSources.Procedural)));
        Assert.Null(VideoMaker.AllowedLibraries(catalog, Channel(VisualSources.Procedural)));
    }

    public void Dispose() => _dir.Dispose();
}
