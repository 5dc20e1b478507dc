using System.Security.Cryptography;
using System.Text.Json;
using AiVideo.Agents.Scripts;
using AiVideo.Core;
using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Core.Workspace;
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
        var trendNotes = options.TrendsPath is null ? null : await ReadTrendsAsync(options.TrendsPath, cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        var run = new RunContext(NewRunId(startedAt), channel, brief, options.Size, options.Fps, options.RenderConcurrency)
        {
            TrendNotes = trendNotes,
            GatesEnforced = options.GatesEnforced,
            Memory = await RecallAsync(channel, brief, options, progress, cancellationToken, sharedTools).ConfigureAwait(false),
        };
        var store = RunStore.ForOutput(options.OutDirectory);
        store.CreateRun(new StoredRun(run.RunId, channel.Id, brief.Title, RunStatuses.Running,
            JsonSerializer.Serialize(new StoredRunContext(run, options), AiVideoJson.Options), startedAt) { OwnerPid = Environment.ProcessId });
        progress.Info($"run {run.RunId}: '{brief.Title}' for {channel.Name} at {options.Size}, {options.Fps} fps");
        return await ExecuteAsync(store, run, options, startedAt, progress, resumeFrom: null, restore: false, cancellationToken, sharedTools).ConfigureAwait(false);
    }

    /// <summary>Continues an interrupted run from its latest checkpoint (or its start when it has none).</summary>
    public async Task<MadeVideo> ResumeAsync(string outDirectory, string runId, IRunProgress progress, CancellationToken cancellationToken)
    {
        var (store, stored, context) = Load(outDirectory, runId);
        if (stored.Status != RunStatuses.Running)
        {
            throw new InvalidInputException($"run {runId} already ended as {stored.Status}{(stored.Status == RunStatuses.DeadLettered ? "; use 'aivideo dlq retry " + runId + "'" : "")}");
        }
        var checkpoint = store.Checkpoints(runId).LastOrDefault();
        progress.Info($"resuming run {runId} '{stored.Title}' from {(checkpoint.CheckpointId is null ? "its start" : $"checkpoint {store.Checkpoints(runId).Count}")}");
        return await ContinueAsync(store, context, stored, checkpoint.CheckpointId, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retries a dead-lettered run from the step that failed: the checkpoint taken just before that step ran.</summary>
    public async Task<MadeVideo> RetryAsync(string outDirectory, string runId, IRunProgress progress, CancellationToken cancellationToken)
    {
        var (store, stored, context) = Load(outDirectory, runId);
        if (stored.Status != RunStatuses.DeadLettered)
        {
            throw new InvalidInputException($"run {runId} is {stored.Status}, not a dead letter");
        }
        var checkpoints = store.Checkpoints(runId);
        var failedAt = checkpoints.Select((c, i) => (c, i)).LastOrDefault(x => x.c.Executors.Contains(stored.FailedStep ?? "")).i;
        string? from = failedAt switch
        {
            > 0 => checkpoints[failedAt - 1].CheckpointId,
            0 when checkpoints.Count > 0 && checkpoints[0].Executors.Contains(stored.FailedStep ?? "") => null, // the very first step failed: start over
            _ => checkpoints.Where(c => !c.Executors.Contains("end")).LastOrDefault().CheckpointId, // failed outside a step (start, cancel): latest checkpoint
        };
        store.CountRetry(runId);
        progress.Info($"retrying dead letter {runId} from {(from is null ? "its start" : $"just before '{stored.FailedStep}'")}");
        return await ContinueAsync(store, context, stored, from, progress, cancellationToken).ConfigureAwait(false);
    }

    private Task<MadeVideo> ContinueAsync(RunStore store, StoredRunContext context, StoredRun stored, string? checkpointId, IRunProgress progress, CancellationToken cancellationToken)
    {
        store.Claim(stored.RunId, Environment.ProcessId);
        return ExecuteAsync(store, context.Run, context.Options, stored.StartedAt, progress,
            checkpointId is null ? null : new CheckpointInfo(stored.RunId, checkpointId), restore: true, cancellationToken);
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
        var workspace = new ArtifactWorkspace(Path.GetFullPath(options.Workspace
            ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
            ?? ArtifactWorkspace.DefaultRelativeRoot));

        var journal = new RunJournal(progress, new StoreRunRecorder(store, run.RunId), _faults);
        if (restore)
        {
            var recorded = store.LoadJournal(run.RunId);
            journal.Restore(recorded.Steps, recorded.Gates, recorded.Decisions, recorded.Receipts);
        }
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
            if (sharedTools is null) progress.Info("starting MCP servers (render, voice, publish)");
            await using var owned = sharedTools is null ? await McpToolbox.StartAsync(catalog, environment, loggerFactory, runToken).ConfigureAwait(false) : null;
            var toolbox = sharedTools ?? owned!;
            var tools = new ReusingMediaTools(new ResilientMediaTools(new McpMediaTools(toolbox), _resilience), new StoreStepResults(store, run.RunId, progress), workspace);
            var pipeline = new PipelineWorkflow(pipelineAgents, tools, workspace, new StorePublishLedger(store, run.RunId),
                new McpPublishedVideoSink(new PerformanceMemoryClient(toolbox)));
            var checkpoints = new RunCheckpoints(CheckpointManager.CreateJson(new SqliteCheckpointStore(store)), resumeFrom,
                (checkpoint, ran) => store.TagCheckpoint(run.RunId, checkpoint.CheckpointId, ran));
            outcome = await pipeline.RunAsync(run, journal, runToken, checkpoints).ConfigureAwait(false);
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

        var runOut = Path.Combine(outDir, run.RunId);
        Directory.CreateDirectory(runOut);
        string? finalVideo = null;
        if (outcome is { Published: true, Video: not null })
        {
            finalVideo = Path.Combine(runOut, "final.mp4");
            File.Copy(workspace.ResolveExistingFile(outcome.Video.VideoPath), finalVideo, overwrite: true);
        }
        var writer = new RunReportWriter();
        var report = writer.Build(run, journal, outcome, Path.Combine(workspace.Root, run.RunDirectory), finalVideo, startedAt)
            with { CostUsd = store.TotalCost(run.RunId) };
        var reportPath = Path.Combine(runOut, "report.json");
        await writer.WriteAsync(report, reportPath, CancellationToken.None).ConfigureAwait(false);

        if (outcome.Published)
        {
            store.Finish(run.RunId, RunStatuses.Published, null, null, reportPath, finalVideo);
        }
        else
        {
            store.Finish(run.RunId, RunStatuses.DeadLettered, outcome.FailedStep, outcome.Reason, reportPath, null);
            store.RecordDeadLetter(run.RunId, outcome.FailedStep ?? "unknown", outcome.Reason ?? "", journal.Gates.TakeLast(12).ToList());
        }
        return new MadeVideo(report, reportPath, finalVideo);
    }

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

    public string Summary => Published
        ? $"published: {FinalVideo} ({Report.DurationSec:0.0} s, {Report.Width}x{Report.Height}); report: {ReportPath}"
        : $"dead-lettered at {Report.FailedStep}: {Report.Reason}; report: {ReportPath}";
}
