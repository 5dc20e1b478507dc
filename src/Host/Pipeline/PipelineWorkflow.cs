using AiVideo.Core.Gates;
using AiVideo.Core.Workspace;
using AiVideo.Host.Pipeline.Executors;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// The pipeline as an Agent Framework workflow:
/// script → script gate [→ script review ⇄ script] → voice → render ⇄ drift gate → assemble → QA [→ final review]
/// → publish → end, with every step able to send <see cref="RunFailed"/> straight to the end (dead letter); publish
/// ends as published, partially published or dead-lettered by what is live.
/// The bracketed QA-agent steps exist only when a model is configured.
/// </summary>
public sealed class PipelineWorkflow(PipelineAgents agents, IMediaTools tools, ArtifactWorkspace workspace, IPublishLedger? ledger = null,
    IPublishedVideoSink? published = null)
{
    private readonly IPublishLedger _ledger = ledger ?? new InMemoryPublishLedger();

    public Workflow Build(RunContext run, RunJournal journal)
    {
        var script = new ScriptWriterExecutor(run, journal, agents.Writer);
        var scriptGate = new ScriptGateExecutor(run, journal, new ScriptGate());
        var voice = new VoiceExecutor(run, journal, tools);
        var render = new RenderExecutor(run, journal, tools);
        var drift = new DriftGateExecutor(run, journal, tools, new DriftGate());
        var assemble = new AssembleExecutor(run, journal, tools, new MusicTrackStager(workspace));
        var qa = new QaExecutor(run, journal, tools, new CaptionSyncGate(), new FormatGate());
        var publish = new PublishExecutor(run, journal, tools, workspace, agents.Planner, _ledger, published);
        var end = new RunEndExecutor(journal);
        var steps = new List<Executor> { script, scriptGate, voice, render, drift, assemble, qa, publish };

        var builder = new WorkflowBuilder(script)
            .AddEdge<PipelineMessage>(script, scriptGate, m => m is ScriptDrafted)
            .AddEdge<PipelineMessage>(scriptGate, script, m => m is ScriptRevisionRequested);
        if (agents.Reviewer is { } reviewer)
        {
            var scriptReview = new ScriptReviewExecutor(run, journal, reviewer);
            var finalReview = new FinalReviewExecutor(journal, reviewer);
            steps.AddRange([scriptReview, finalReview]);
            builder
                .AddEdge<PipelineMessage>(scriptGate, scriptReview, m => m is ScriptApproved)
                .AddEdge<PipelineMessage>(scriptReview, script, m => m is ScriptRevisionRequested)
                .AddEdge<PipelineMessage>(scriptReview, voice, m => m is ScriptReviewed)
                .AddEdge<PipelineMessage>(qa, finalReview, m => m is QaPassed)
                .AddEdge<PipelineMessage>(finalReview, publish, m => m is VideoApproved);
        }
        else
        {
            builder
                .AddEdge<PipelineMessage>(scriptGate, voice, m => m is ScriptApproved)
                .AddEdge<PipelineMessage>(qa, publish, m => m is QaPassed);
        }
        builder
            .AddEdge<PipelineMessage>(voice, render, m => m is NarrationReady)
            .AddEdge<PipelineMessage>(render, drift, m => m is ShotsRendered)
            .AddEdge<PipelineMessage>(drift, render, m => m is RenderRequested)
            .AddEdge<PipelineMessage>(drift, assemble, m => m is ShotsApproved)
            .AddEdge<PipelineMessage>(assemble, qa, m => m is VideoAssembled)
            .AddEdge<PipelineMessage>(publish, end, m => m is RunPublished or RunPartiallyPublished);
        foreach (var step in steps)
        {
            builder.AddEdge<PipelineMessage>(step, end, m => m is RunFailed);
        }
        return builder.WithOutputFrom(end).Build();
    }

    /// <summary>
    /// Runs the workflow to its end and returns the outcome. With <paramref name="checkpoints"/>, a checkpoint is
    /// stored after every superstep and the run can start from one (resume, DLQ retry). A workflow error is a dead
    /// letter, never silence. Null when the workflow halted with nothing left to run and no outcome (a checkpoint taken
    /// after its end): the caller derives the outcome from what is recorded — the stream never waits for input.
    /// </summary>
    public async Task<RunOutcome?> RunAsync(RunContext run, RunJournal journal, CancellationToken cancellationToken, RunCheckpoints? checkpoints = null)
    {
        var workflow = Build(run, journal);
        var input = (PipelineMessage)new RunStarted(run.RunId);
        await using var streaming = checkpoints switch
        {
            null => await InProcessExecution.RunStreamingAsync(workflow, input, run.RunId, cancellationToken).ConfigureAwait(false),
            { ResumeFrom: null } => await InProcessExecution.RunStreamingAsync(workflow, input, checkpoints.Manager, run.RunId, cancellationToken).ConfigureAwait(false),
            _ => await InProcessExecution.ResumeStreamingAsync(workflow, checkpoints.ResumeFrom, checkpoints.Manager, cancellationToken).ConfigureAwait(false),
        };
        RunOutcome? outcome = null;
        var ran = new List<string>();
        await foreach (var evt in streaming.WatchStreamAsync(blockOnPendingRequest: false, cancellationToken).ConfigureAwait(false))
        {
            switch (evt)
            {
                case ExecutorInvokedEvent invoked when invoked.ExecutorId is not null:
                    ran.Add(invoked.ExecutorId);
                    break;
                case SuperStepCompletedEvent step:
                    if (step.CompletionInfo?.Checkpoint is { } checkpoint) checkpoints?.Completed(checkpoint, ran);
                    ran.Clear();
                    break;
                case WorkflowOutputEvent { Data: RunOutcome o }:
                    outcome = o;
                    break;
                case ExecutorFailedEvent failed:
                    outcome ??= RunOutcome.DeadLettered(failed.ExecutorId ?? "workflow", failed.Data?.ToString() ?? "executor failed");
                    break;
                case WorkflowErrorEvent error:
                    outcome ??= RunOutcome.DeadLettered("workflow", error.Data?.ToString() ?? "workflow error");
                    break;
            }
            // The outcome arrives inside the end step's superstep: read on to that superstep's completion, so its
            // checkpoint is stored and tagged before we stop listening.
            if (outcome is not null && evt is SuperStepCompletedEvent) break;
        }
        return outcome;
    }
}

/// <summary>Checkpointing of one run: the manager, where to start from (null: the beginning), and a hook per stored checkpoint.</summary>
public sealed record RunCheckpoints(CheckpointManager Manager, CheckpointInfo? ResumeFrom, Action<CheckpointInfo, IReadOnlyList<string>> Completed);
