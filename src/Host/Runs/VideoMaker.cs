using System.Security.Cryptography;
using System.Text.Json;
using AiVideo.Agents.Scripts;
using AiVideo.Core;
using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Core.Workspace;
using AiVideo.Host.Costs;
using AiVideo.Host.Mcp;
using AiVideo.Host.Memory;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using AiVideo.Host.Resilience;
using AiVideo.Host.Runs.Store;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Runs;

/// <summary>
/// Makes one video durably: the run is recorded in &lt;out&gt;/aivideo.db before anything happens, the workflow
/// checkpoints after every superstep, step results and publish intents are recorded as they happen — so a run
/// interrupted at any point can be resumed, and a dead letter retried from its failed step. Every run ends with
/// &lt;out&gt;/&lt;runId&gt;/report.json (+ final.mp4 when published). Used by make, resume, dlq retry, campaigns and chat.
/// </summary>
public sealed class VideoMaker(PipelineAgentsFactory agents, ILoggerFactory loggerFactory, TimeProvider time, FaultPoints? faults = null, ResilienceOptions? resilience = null,
    MemoryConfiguration? memory = null)
{
    private readonly MemoryConfiguration _memory = memory ?? MemoryConfiguration.Default;
    private readonly FaultPoints _faults = faults ?? FaultPoints.FromEnvironment();
    private readonly ProviderResilience _resilience = new(resilience ?? ResilienceOptions.Default, loggerFactory, time);
    private readonly Dictionary<string, ChaosDice> _writerDice = new(StringComparer.Ordinal);

    /// <param name="sharedTools">MCP servers already running (the reliability benchmark); null starts them for this run.</param>
    public async Task<MadeVideo> MakeAsync(ChannelProfile channel, Brief brief, MakeOptions options, IRunProgress progress, CancellationToken cancellationToken,
        McpToolbox? sharedTools = null)
    {
        // The voice lock, before anything is recalled, recorded or spent: a changed voice is refused (bad input).
        var store = RunStore.ForOutput(options.OutDirectory);
        VoiceLock.Enforce(store, channel);
        var trendNotes = options.TrendsPath is null ? null : await ReadTrendsAsync(options.TrendsPath, cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        var run = new RunContext(options.RunId ?? NewRunId(startedAt), channel, brief, options.Size, options.Fps, options.RenderConcurrency)
        {
            TrendNotes = trendNotes,
            GatesEnforced = options.GatesEnforced,
            Memory = await RecallAsync(channel, brief, options, progress, cancellationToken, sharedTools).ConfigureAwait(false),
        };
        store.CreateRun(new StoredRun(run.RunId, channel.Id, brief.Title, RunStatuses.Running,
            JsonSerializer.Serialize(new StoredRunContext(run, options), AiVideoJson.Options), startedAt) { Owner = ProcessIdentity.Current });
        progress.Info($"run {run.RunId}: '{brief.Title}' for {channel.Name} at {options.Size}, {options.Fps} fps");
        return await Leased(store, run.RunId, () => ExecuteAsync(store, run, options, startedAt, progress, resumeFrom: null, restore: false, cancellationToken, sharedTools)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>make --dry-run</c>: the script, the source and price quote of every shot, the estimate per provider against the
    /// caps — from the Render server's price quotes only (only that server is started). No run is recorded, nothing is
    /// rendered, voiced, reserved or published; an output folder without a run store stays without one.
    /// </summary>
    public async Task<DryRunPlan> PlanAsync(ChannelProfile channel, Brief brief, MakeOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        VoiceLock.EnforceIfStoreExists(options.OutDirectory, channel); // the same refusal a make would meet
        var catalog = new McpServerCatalog(options.McpConfigPath);
        var workspace = Workspace(options);
        var storePath = Path.Combine(Path.GetFullPath(options.OutDirectory), RunStore.FileName);
        var committed = File.Exists(storePath) ? new RunStore(storePath).CommittedSpend(null, channel.Id, time.GetUtcNow()) : Core.Costs.CommittedSpend.None;
        var environment = new Dictionary<string, string>
        {
            [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
            ["AIVIDEO_OUT"] = Path.GetFullPath(options.OutDirectory),
        };
        AnnounceSimulatedPrice(catalog, progress);
        progress.Info("dry run: starting the render server for price quotes only");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Deadline);
        await using var toolbox = await McpToolbox.StartAsync(catalog, environment, loggerFactory, [McpToolbox.Render], deadline.Token).ConfigureAwait(false);
        var writer = agents.Create(new RunJournal(progress)).Writer;
        return await new DryRunPlanner(writer, new ResilientMediaTools(new McpMediaTools(toolbox), _resilience), new Core.Gates.ScriptGate())
            .PlanAsync(channel, brief, options.Size, options.Fps, committed, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues an interrupted (or waiting) run from its latest checkpoint (or its start when it has none). A run whose
    /// workflow already ended is finalised at once from what the store recorded. Only one process drives a run: the
    /// run's lease is taken first, and a run whose lease a live process holds is refused (<see cref="RunLeaseTakenException"/>).
    /// </summary>
    public async Task<MadeVideo> ResumeAsync(string outDirectory, string runId, IRunProgress progress, CancellationToken cancellationToken)
    {
        var (store, stored, context) = Load(outDirectory, runId);
        if (stored.Status is not (RunStatuses.Running or RunStatuses.Waiting))
        {
            throw new InvalidInputException($"run {runId} already ended as {stored.Status}{(stored.Status is RunStatuses.DeadLettered or RunStatuses.PartiallyPublished ? "; use 'aivideo dlq retry " + runId + "'" : "")}");
        }
        TakeLease(store, runId, RunStatuses.Running, RunStatuses.Waiting);
        var checkpoints = store.Checkpoints(runId);
        if (store.GetOutcome(runId) is { } recorded)
        {
            progress.Info($"run {runId} '{stored.Title}' had already ended as {recorded.Kind}; finalising it from the run store");
            return await Leased(store, runId, () => FinishAsync(store, context.Run, context.Options, stored.StartedAt, RestoredJournal(store, context.Run.RunId, progress), recorded, cancellationToken)).ConfigureAwait(false);
        }
        var checkpoint = checkpoints.LastOrDefault();
        progress.Info($"resuming run {runId} '{stored.Title}' from {(checkpoint.CheckpointId is null ? "its start" : $"checkpoint {checkpoints.Count}")}");
        store.SetStatus(runId, RunStatuses.Running);
        return await Leased(store, runId, () => ExecuteAsync(store, context.Run, context.Options, stored.StartedAt, progress,
            checkpoint.CheckpointId is null ? null : new CheckpointInfo(runId, checkpoint.CheckpointId), restore: true, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Retries a dead-lettered or partially published run from the step that failed: the checkpoint taken just before
    /// that step ran. Platforms already live are never posted again (their ledger entries are confirmed).
    /// </summary>
    public async Task<MadeVideo> RetryAsync(string outDirectory, string runId, IRunProgress progress, CancellationToken cancellationToken)
    {
        var (store, stored, context) = Load(outDirectory, runId);
        if (stored.Status is not (RunStatuses.DeadLettered or RunStatuses.PartiallyPublished))
        {
            throw new InvalidInputException($"run {runId} is {stored.Status}, not a dead letter or a partially published run");
        }
        if (store.DeadLetters(10_000).All(d => d.RunId != runId))
        {
            throw new InvalidInputException($"run {runId} is not in the dead-letter queue (it was discarded)");
        }
        TakeLease(store, runId, RunStatuses.DeadLettered, RunStatuses.PartiallyPublished);
        var checkpoints = store.Checkpoints(runId);
        var failedAt = checkpoints.Select((c, i) => (c, i)).LastOrDefault(x => x.c.Executors.Contains(stored.FailedStep ?? "")).i;
        string? from = failedAt switch
        {
            > 0 => checkpoints[failedAt - 1].CheckpointId,
            0 when checkpoints.Count > 0 && checkpoints[0].Executors.Contains(stored.FailedStep ?? "") => null, // the very first step failed: start over
            _ => checkpoints.Where(c => !c.Executors.Contains("end")).LastOrDefault().CheckpointId, // failed outside a step (start, cancel): latest checkpoint
        };
        store.CountRetry(runId);
        store.ClearOutcome(runId);
        store.SetStatus(runId, RunStatuses.Running);
        progress.Info(stored.Status == RunStatuses.PartiallyPublished
            ? $"retrying the missing platforms of {runId} ({stored.Reason})"
            : $"retrying dead letter {runId} from {(from is null ? "its start" : $"just before '{stored.FailedStep}'")}");
        return await Leased(store, runId, () => ExecuteAsync(store, context.Run, context.Options, stored.StartedAt, progress,
            from is null ? null : new CheckpointInfo(runId, from), restore: true, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Drives the run under this process's lease; if it stops without finishing (an exception), the lease is given back at once.</summary>
    private static async Task<MadeVideo> Leased(RunStore store, string runId, Func<Task<MadeVideo>> drive)
    {
        try
        {
            return await drive().ConfigureAwait(false);
        }
        catch
        {
            store.ReleaseLease(runId, ProcessIdentity.Current);
            throw;
        }
    }

    /// <summary>
    /// Takes the run's lease, then checks again that the run is still in one of <paramref name="expected"/>: another
    /// process may have finished it between our read and the lease (then it is not ours to touch).
    /// </summary>
    private static void TakeLease(RunStore store, string runId, params string[] expected)
    {
        var lease = store.TryAcquireLease(runId, ProcessIdentity.Current);
        if (!lease.Acquired) throw new RunLeaseTakenException(runId, lease.Holder);
        var now = store.GetRun(runId)!;
        if (!expected.Contains(now.Status))
        {
            store.ReleaseLease(runId, ProcessIdentity.Current);
            throw new InvalidInputException($"run {runId} already ended as {now.Status} (finished by another process)");
        }
    }

    private RunJournal RestoredJournal(RunStore store, string runId, IRunProgress progress)
    {
        var journal = new RunJournal(progress, new StoreRunRecorder(store, runId), _faults);
        var recorded = store.LoadJournal(runId);
        journal.Restore(recorded.Steps, recorded.Gates, recorded.Decisions, recorded.Receipts);
        return journal;
    }

    private static (RunStore Store, StoredRun Run, StoredRunContext Context) Load(string outDirectory, string runId)
    {
        var store = RunStore.ForOutput(outDirectory);
        var stored = store.GetRun(runId) ?? throw new InvalidInputException($"no run '{runId}' in {store.DatabasePath}");
        var context = JsonSerializer.Deserialize<StoredRunContext>(stored.ContextJson, AiVideoJson.Options)
            ?? throw new InvalidInputException($"run {runId} has no stored context");
        return (store, stored, context);
    }

    private async Task<MadeVideo> ExecuteAsync(RunStore store, RunContext run, MakeOptions options, DateTimeOffset startedAt, IRunProgress progress,
        CheckpointInfo? resumeFrom, bool restore, CancellationToken cancellationToken, McpToolbox? sharedTools = null)
    {
        var catalog = new McpServerCatalog(options.McpConfigPath);
        var outDir = Path.GetFullPath(options.OutDirectory);
        var workspace = Workspace(options);

        var journal = restore ? RestoredJournal(store, run.RunId, progress) : new RunJournal(progress, new StoreRunRecorder(store, run.RunId), _faults);
        var pipelineAgents = agents.Create(journal);
        var chaos = ChaosSpec.Parse(options.Chaos);
        if (chaos is { Rate: > 0 })
        {
            pipelineAgents = pipelineAgents with { Writer = new ChaosScriptWriter(pipelineAgents.Writer, WriterDice(chaos)) };
        }
        progress.Info($"script by the {pipelineAgents.Writer.Name} writer; run store {store.DatabasePath}");

        RunOutcome outcome;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Deadline);
        try
        {
            var runToken = deadline.Token;
            var environment = new Dictionary<string, string>
            {
                [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
                ["AIVIDEO_OUT"] = outDir,
            };
            if (chaos is not null) environment[ChaosSpec.EnvironmentVariable] = chaos.ToString();
            foreach (var (name, value) in _memory.ServerEnvironment) environment[name] = value;
            if (AllowedLibraries(catalog, run.Channel) is { } libraries) environment[LibrariesVariable] = libraries;
            if (sharedTools is null) progress.Info("starting MCP servers (render, voice, publish)");
            AnnounceSimulatedPrice(catalog, progress);
            await using var owned = sharedTools is null ? await McpToolbox.StartAsync(catalog, environment, loggerFactory, runToken).ConfigureAwait(false) : null;
            var toolbox = sharedTools ?? owned!;
            // Reuse recorded results first (a re-delivered step never reaches the ledger again), then the budget (quote,
            // reserve, call, settle), then retries of the one reserved call.
            // The speech quoter asks synthesize_speech for its price (dryRun) past the resilience layer, like render_shot's quote.
            var mcpTools = new McpMediaTools(toolbox);
            var budgeted = new BudgetedMediaTools(new ResilientMediaTools(mcpTools, _resilience), new SpendingGuard(store, BudgetScope.For(run), time), speechQuoter: mcpTools);
            var tools = new ReusingMediaTools(budgeted, new StoreStepResults(store, run.RunId, progress), workspace);
            var pipeline = new PipelineWorkflow(pipelineAgents, tools, workspace, new StorePublishLedger(store, run.RunId),
                new McpPublishedVideoSink(new PerformanceMemoryClient(toolbox)));
            var checkpoints = new RunCheckpoints(SqliteCheckpointStore.Manager(store), resumeFrom, (checkpoint, ran) =>
            {
                store.TagCheckpoint(run.RunId, checkpoint.CheckpointId, ran);
                if (ran.Contains("end")) _faults.Hit("run:after_final_checkpoint");
            });
            outcome = await pipeline.RunAsync(run, journal, runToken, checkpoints).ConfigureAwait(false)
                // The workflow stopped with nothing pending and no outcome (e.g. resumed from a checkpoint taken after its
                // end): what is live decides, at once.
                ?? await new StoredOutcome(store).DeriveAsync(run, tools, "the workflow had nothing left to run", runToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = RunOutcome.DeadLettered("cancelled", "cancelled by the operator");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            outcome = RunOutcome.DeadLettered("deadline", $"the run did not finish within its deadline of {options.Deadline.TotalMinutes:0.#} min");
        }
        catch (ToolCallException ex)
        {
            // The servers could not be started or talked to at all: still a run that ends with a report.
            outcome = RunOutcome.DeadLettered("start", ex.Message);
        }

        return await FinishAsync(store, run, options, startedAt, journal, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a run: final.mp4 (when anything is live), report.json, the final state, and — when not everything is live —
    /// its place in the dead-letter queue. Idempotent, so a crash anywhere in here is finished again by a resume.
    /// </summary>
    private async Task<MadeVideo> FinishAsync(RunStore store, RunContext run, MakeOptions options, DateTimeOffset startedAt, RunJournal journal, RunOutcome outcome,
        CancellationToken cancellationToken)
    {
        var outDir = Path.GetFullPath(options.OutDirectory);
        var workspace = Workspace(options);
        var runOut = Path.Combine(outDir, run.RunId);
        Directory.CreateDirectory(runOut);
        string? finalVideo = null;
        if (outcome is { Live.Count: > 0, Video: not null } && workspace.TryResolveExistingFile(outcome.Video.VideoPath) is { } assembled)
        {
            finalVideo = Path.Combine(runOut, "final.mp4");
            File.Copy(assembled, finalVideo, overwrite: true);
        }
        store.CloseOpenReservations(run.RunId); // the workflow ended: nothing of this run is in flight any more
        var writer = new RunReportWriter();
        var report = writer.Build(run, journal, outcome, Path.Combine(workspace.Root, run.RunDirectory), finalVideo, startedAt)
            with { CostUsd = store.RunActualCost(run.RunId), Costs = CostReport.From(store.RunCosts(run.RunId), run.Channel.Budget) };
        var reportPath = Path.Combine(runOut, "report.json");
        await writer.WriteAsync(report, reportPath, CancellationToken.None).ConfigureAwait(false);
        _faults.Hit("run:after_report");

        if (outcome.Published || outcome.PartiallyPublished)
        {
            // The channel's first published video locks its voice (a later one finds the lock and keeps it).
            var voice = VoiceFingerprint.Of(run.Channel.Voice);
            if (store.LockVoice(run.Channel.Id, voice, time.GetUtcNow())) journal.Progress.Info($"voice locked for channel {run.Channel.Id}: {voice.Description}");
        }
        if (outcome.Published)
        {
            store.Finish(run.RunId, RunStatuses.Published, null, null, reportPath, finalVideo);
        }
        else
        {
            store.Finish(run.RunId, outcome.Kind, outcome.FailedStep, outcome.Reason, reportPath, finalVideo);
            store.RecordDeadLetter(run.RunId, outcome.FailedStep ?? "unknown", outcome.Reason ?? "", journal.Gates.TakeLast(12).ToList());
        }
        return new MadeVideo(report, reportPath, finalVideo);
    }

    /// <summary>The Render server reads only the library folders it is started with (its own allow-list).</summary>
    public const string LibrariesVariable = "AIVIDEO_RENDER_LIBRARIES";

    /// <summary>
    /// The render server's library allow-list for this run: what mcp.json (or this process's environment) already allows,
    /// plus the channel's library folder when the channel uses the library source; null when there is nothing to add.
    /// </summary>
    public static string? AllowedLibraries(McpServerCatalog catalog, ChannelProfile channel)
    {
        if (!channel.Visuals.Sources.Contains(VisualSources.Library, StringComparer.OrdinalIgnoreCase) || channel.Visuals.Library is not { Path.Length: > 0 } library)
        {
            return null;
        }
        var configured = catalog.Servers.FirstOrDefault(s => s.Name.Contains(McpToolbox.Render, StringComparison.OrdinalIgnoreCase))?.Env.GetValueOrDefault(LibrariesVariable)
            ?? Environment.GetEnvironmentVariable(LibrariesVariable);
        var folders = (configured ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var folder = Path.GetFullPath(library.Path);
        if (!folders.Contains(folder, StringComparer.Ordinal)) folders.Add(folder);
        return string.Join(Path.PathSeparator, folders);
    }

    /// <summary>Says so when the Render server will charge a simulated price (its mcp.json env, else this process's): never silent.</summary>
    private static void AnnounceSimulatedPrice(McpServerCatalog catalog, IRunProgress progress)
    {
        if (SimulatedPrice(catalog) is { } price)
        {
            progress.Info($"render: SIMULATED PRICE of {price} USD per second of clip ({SimulatedRenderPrice.EnvironmentVariable}; not a real provider)");
        }
    }

    private static string? SimulatedPrice(McpServerCatalog catalog)
    {
        string? fromConfig = null;
        try
        {
            catalog.Find(McpToolbox.Render).Env.TryGetValue(SimulatedRenderPrice.EnvironmentVariable, out fromConfig);
        }
        catch (InvalidInputException)
        {
            // No render server configured: starting the servers reports it.
        }
        var value = fromConfig ?? Environment.GetEnvironmentVariable(SimulatedRenderPrice.EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static ArtifactWorkspace Workspace(MakeOptions options) => new(Path.GetFullPath(options.Workspace
        ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
        ?? ArtifactWorkspace.DefaultRelativeRoot));

    /// <summary>
    /// The channel's past performance for this brief (the Publish server's recall_performance), or nothing when memory is
    /// off. A recall that fails is reported and the script is written without memory.
    /// </summary>
    private async Task<PerformanceContext> RecallAsync(ChannelProfile channel, Brief brief, MakeOptions options, IRunProgress progress, CancellationToken cancellationToken,
        McpToolbox? sharedTools)
    {
        if (!options.UseMemory || !_memory.Options.Enabled) return PerformanceContext.Empty;
        PerformanceContext recalled;
        try
        {
            await using var memory = sharedTools is null
                ? await PerformanceMemoryClient.StartAsync(options.McpConfigPath, options.OutDirectory, options.Workspace, _memory, loggerFactory, cancellationToken).ConfigureAwait(false)
                : new PerformanceMemoryClient(sharedTools);
            recalled = await memory.RecallAsync(channel.Id, string.Join("\n", new[] { brief.Title }.Concat(brief.Facts)), cancellationToken).ConfigureAwait(false);
        }
        catch (ToolCallException ex)
        {
            progress.Info($"memory: recall failed ({ex.Message}); writing without memory");
            return PerformanceContext.Empty;
        }
        progress.Info(recalled.IsEmpty
            ? "memory: no past videos for this channel yet"
            : $"memory: {recalled.Videos.Count} past videos recalled ({recalled.MeasuredVideos} measured); best hook style so far: {recalled.HookStyles.FirstOrDefault()?.Style ?? "n/a"}");
        return recalled;
    }

    private ChaosDice WriterDice(ChaosSpec spec)
    {
        lock (_writerDice)
        {
            var key = spec.ToString();
            if (!_writerDice.TryGetValue(key, out var dice)) _writerDice[key] = dice = new ChaosDice(spec, "writer");
            return dice;
        }
    }

    private static async Task<string> ReadTrendsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"trend notes file '{path}' does not exist");
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return text.Length <= 20_000 ? text : throw new InvalidInputException($"trend notes file '{path}' is over 20000 characters");
    }

    private static string NewRunId(DateTimeOffset at) =>
        $"{at:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}

/// <summary>The result of one make: its report, where the report is, and the final video when published.</summary>
public sealed record MadeVideo(RunReport Report, string ReportPath, string? FinalVideo)
{
    public bool Published => Report.Outcome == RunOutcomeNames.Published;

    /// <summary>0 published, 3 partially published, 1 dead-lettered.</summary>
    public int ExitCode => RunOutcomeNames.ExitCode(Report.Outcome);

    public string Summary => Report.Outcome switch
    {
        RunOutcomeNames.Published => $"published: {FinalVideo} ({Report.DurationSec:0.0} s, {Report.Width}x{Report.Height}); report: {ReportPath}",
        RunOutcomeNames.PartiallyPublished =>
            $"partially published: live on {string.Join(", ", Report.Live.Select(l => l.Platform))}; {Report.Reason}; retry the rest with 'aivideo dlq retry {Report.RunId}'; report: {ReportPath}",
        _ => $"dead-lettered at {Report.FailedStep}: {Report.Reason}; report: {ReportPath}",
    };
}

/// <summary>Another live process holds the run's lease (it is driving the run now).</summary>
public sealed class RunLeaseTakenException(string runId, ProcessIdentity? holder)
    : Exception($"run {runId} is being driven by another process{(holder is null ? "" : $" (pid {holder.Pid})")}; not touching it")
{
    public string RunId { get; } = runId;
}
