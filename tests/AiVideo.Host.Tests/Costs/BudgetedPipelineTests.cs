using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Costs;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using AiVideo.Host.Runs.Store;
using AiVideo.Host.Tests.Pipeline;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Costs;

/// <summary>The whole workflow with a fake priced render tool, through the same tool stack as a real run (reuse → budget → tools).</summary>
public class BudgetedPipelineTests : IDisposable
{
    private const decimal Price = 0.10m;
    private static readonly Brief Brief = new("A tiny test", ["Honey never spoils.", "Bees make it from nectar."], null, []);

    private readonly TempDirectory _dir = new();
    private readonly ArtifactWorkspace _workspace;
    private readonly FakeMediaTools _fake;
    private readonly PricedMediaTools _priced;
    private readonly RunStore _store;

    public BudgetedPipelineTests()
    {
        _workspace = new ArtifactWorkspace(_dir.Combine("ws"));
        _fake = new FakeMediaTools(_workspace);
        _priced = new PricedMediaTools(_fake, _workspace, Price);
        _store = RunStore.ForOutput(_dir.Combine("out"));
    }

    private static ChannelProfile Channel(decimal videoCap, double threshold = 0.5, IReadOnlyList<string>? sources = null) => new()
    {
        Id = "c1", Name = "Chan", Niche = "facts", Platforms = [PlatformNames.TikTok],
        Render = new RenderSettings { Seed = 3, DriftThreshold = threshold, MaxRerenders = 2 },
        Budget = new BudgetCaps { MaxCostUsdPerVideo = videoCap },
        Visuals = new VisualsSettings { Sources = sources ?? [VisualSources.Procedural] },
    };

    private static int ShotCount(ChannelProfile channel) => new DeterministicScriptWriter().Write(Brief, channel).Shots.Count;

    private async Task<RunOutcome> RunAsync(ChannelProfile channel, string runId = "run1")
    {
        var run = new RunContext(runId, channel, Brief, new VideoSize(360, 640), 30, 2);
        _fake.LastNarrationSec = new DeterministicScriptWriter().Write(Brief, channel).NarrationText.Split(' ').Length * 0.3;
        var journal = new RunJournal(new SilentRunProgress());
        var budgeted = new BudgetedMediaTools(_priced, new SpendingGuard(_store, BudgetScope.For(run), TimeProvider.System));
        var tools = new ReusingMediaTools(budgeted, new StoreStepResults(_store, runId, new SilentRunProgress()), _workspace);
        var outcome = await new PipelineWorkflow(PipelineAgents.Offline(TimeProvider.System), tools, _workspace).RunAsync(run, journal, CancellationToken.None);
        Assert.NotNull(outcome);
        return outcome;
    }

    [Fact]
    public async Task Run_WithinTheCap_EveryRenderQuotedReservedAndSettled_ReportShowsEstimatedAndActualPerProvider()
    {
        var channel = Channel(videoCap: 5);
        var shots = ShotCount(channel);
        _priced.ActualFactor = 0.5m; // the provider bills half its quote

        var outcome = await RunAsync(channel);

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal((shots, shots), (_priced.Quotes, _priced.Renders));
        var report = CostReport.From(_store.RunCosts("run1"), channel.Budget);
        var provider = Assert.Single(report.Providers);
        Assert.Equal(("priced-procedural", shots, shots * Price, shots * Price / 2, 0m), (provider.Provider, provider.Calls, provider.EstimatedUsd, provider.ActualUsd, provider.ReservedOpenUsd));
        Assert.Equal(5m, report.Caps.MaxCostUsdPerVideo);
        Assert.Equal(shots * Price / 2, _store.RunActualCost("run1"));
    }

    [Fact]
    public async Task Run_DriftLoopThatWouldOverspend_IsStoppedAtTheVideoCap_AndDeadLettersWithBudget()
    {
        _fake.Similarity = (_, _) => 0.1; // every shot drifts: without a cap, 3 rounds of renders, then a drift dead letter
        var channel = Channel(videoCap: 0, threshold: 0.5);
        var shots = ShotCount(channel);
        var cap = (shots + 1) * Price; // the first round and one re-render fit; the rest do not
        channel = channel with { Budget = new BudgetCaps { MaxCostUsdPerVideo = cap } };

        var outcome = await RunAsync(channel);

        Assert.Equal(RunOutcomeNames.DeadLettered, outcome.Kind);
        Assert.Equal("render", outcome.FailedStep);
        Assert.StartsWith(BudgetExceededException.ReasonPrefix, outcome.Reason);
        Assert.Contains("video cap", outcome.Reason);
        Assert.True(_store.RunActualCost("run1") <= cap);
        Assert.True(_priced.Renders <= shots + 1, $"{_priced.Renders} renders");
        Assert.True(_store.RunCosts("run1").Single().Totals.Refused >= 1);
    }

    [Fact]
    public async Task Run_EveryRenderOverTheCap_NoRenderIsMade_TheRunDeadLettersWithBudget()
    {
        var outcome = await RunAsync(Channel(videoCap: 0));

        Assert.Equal("render", outcome.FailedStep);
        Assert.StartsWith("budget:", outcome.Reason);
        Assert.Equal(0, _priced.Renders);
        Assert.Equal(0m, _store.RunActualCost("run1"));
    }

    [Fact]
    public async Task Run_FirstSourceOverTheCap_EveryShotFallsBackToTheNextSourceAndTheRunPublishes()
    {
        _priced.SourcePrices[VisualSources.Procedural] = 1.00m;
        _priced.SourcePrices[VisualSources.Library] = 0m;
        var channel = Channel(videoCap: 0.5m, sources: [VisualSources.Procedural, VisualSources.Library]);

        var outcome = await RunAsync(channel);

        Assert.True(outcome.Published, outcome.Reason);
        Assert.Equal(ShotCount(channel), _priced.Renders);
        Assert.Equal(0m, _store.RunActualCost("run1"));
        Assert.True(_store.RunCosts("run1").Sum(c => c.Totals.Refused) >= ShotCount(channel));
    }

    [Fact]
    public async Task Run_RenderFails_ItsReservationIsReleased_NothingStaysReserved()
    {
        _priced.Failures["s01"] = new IOException("provider crashed");

        var outcome = await RunAsync(Channel(videoCap: 5));

        Assert.Equal("render", outcome.FailedStep);
        var totals = _store.RunCosts("run1").Single().Totals;
        Assert.Equal(0m, totals.ReservedOpenUsd);
        Assert.True(totals.Released >= 1);
        Assert.Equal(totals.Calls * Price, totals.ActualUsd);
    }

    [Fact]
    public async Task Run_DeliveredAgain_RecordedRendersAreReused_NothingIsReservedOrChargedTwice()
    {
        var channel = Channel(videoCap: 5);
        await RunAsync(channel);
        var before = _store.RunCosts("run1").Single().Totals;
        var renders = _priced.Renders;

        await RunAsync(channel); // the same run's steps re-delivered (resume, dlq retry)

        Assert.Equal(before, _store.RunCosts("run1").Single().Totals);
        Assert.Equal(renders, _priced.Renders);
    }

    [Fact]
    public async Task DryRun_QuotesEveryShot_RendersReservesAndPublishesNothing()
    {
        var channel = Channel(videoCap: 5);
        var shots = ShotCount(channel);

        var plan = await new DryRunPlanner(new DeterministicScriptWriter(), _priced, new ScriptGate())
            .PlanAsync(channel, Brief, new VideoSize(360, 640), 30, Core.Costs.CommittedSpend.None, CancellationToken.None);

        Assert.Equal((shots, 0), (_priced.Quotes, _priced.Renders));
        Assert.Empty(_fake.Calls);
        Assert.Empty(_store.CostRows(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), null, byRun: false));
        Assert.Equal(shots * Price, plan.EstimatedUsd);
        Assert.Equal(("priced-procedural", shots), (plan.Providers.Single().Provider, plan.Providers.Single().Calls));
        Assert.All(plan.Shots, s => Assert.Equal(VisualSources.Procedural, s.Source));
        Assert.True(plan.FitsBudget);
    }

    [Fact]
    public async Task DryRun_FirstSourceOverTheCap_ChoosesTheNextSource_OrNoneWhenNothingFits()
    {
        _priced.SourcePrices[VisualSources.Library] = 1.00m;
        _priced.SourcePrices[VisualSources.Procedural] = 0.01m;
        var planner = new DryRunPlanner(new DeterministicScriptWriter(), _priced, new ScriptGate());

        var fallback = await planner.PlanAsync(Channel(videoCap: 0.5m, sources: [VisualSources.Library, VisualSources.Procedural]), Brief, new VideoSize(360, 640), 30,
            Core.Costs.CommittedSpend.None, CancellationToken.None);
        var none = await planner.PlanAsync(Channel(videoCap: 0.001m, sources: [VisualSources.Library, VisualSources.Procedural]), Brief, new VideoSize(360, 640), 30,
            Core.Costs.CommittedSpend.None, CancellationToken.None);

        Assert.All(fallback.Shots, s => Assert.Equal(VisualSources.Procedural, s.Source));
        Assert.All(fallback.Shots, s => Assert.Contains(s.Skipped, k => k.StartsWith("library: the video cap", StringComparison.Ordinal)));
        Assert.False(none.FitsBudget);
        Assert.All(none.Shots, s => Assert.Null(s.Source));
        Assert.Contains(DryRunText.Lines(none), l => l.Contains("does NOT fit the budget", StringComparison.Ordinal));
        Assert.Equal(0, _priced.Renders);
    }

    public void Dispose() => _dir.Dispose();
}
