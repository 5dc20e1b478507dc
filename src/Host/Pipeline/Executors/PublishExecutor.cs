using AiVideo.Agents.Publishing;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Publishing;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Publishing: one post per platform of the channel, each with an idempotency key derived from channel, the final
/// video's content hash and platform, so a repeated delivery of this step can never post twice. A platform that still
/// fails after its retries does not hide the others: a call whose result is unknown is reconciled with the publisher
/// (<c>find_publication</c>) so a post that landed counts as live, and the step ends as published (all live),
/// partially published (some live) or failed (nothing live), naming every missing platform's reason.
/// </summary>
[SendsMessage(typeof(RunPublished))]
[SendsMessage(typeof(RunPartiallyPublished))]
public sealed class PublishExecutor(RunContext run, RunJournal journal, IMediaTools tools, ArtifactWorkspace workspace, IPublishPlanner planner, IPublishLedger ledger,
    IPublishedVideoSink? published = null)
    : PipelineExecutor("publish", "publish")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = message switch
        {
            QaPassed q => q.State,
            VideoApproved v => v.State,
            _ => throw new InvalidOperationException($"publish cannot handle {message.GetType().Name}"),
        };
        var script = state.Script!;
        using var _ = journal.Step(StepName);
        var videoHash = await IdempotencyKeys.FileSha256Async(workspace.ResolveExistingFile(state.Video!.VideoPath), cancellationToken).ConfigureAwait(false);
        var plan = await planner.PlanAsync(script, run.Channel, cancellationToken).ConfigureAwait(false);
        journal.Progress.Info($"publish plan by the {planner.Name} planner: post at {plan.PostAt:yyyy-MM-dd HH:mm}Z");
        foreach (var note in plan.Notes) journal.Progress.Info($"publish plan: {note}");
        var live = new List<PublishReceipt>();
        var missing = new List<MissingPost>();
        var credits = FootageCredits.Required(state.Shots.Values);
        // Only the channel's own platforms are ever published, whatever the plan says.
        foreach (var platform in run.Channel.Platforms)
        {
            var metadata = plan.Posts.FirstOrDefault(p => p.Platform == platform)?.Metadata
                ?? DeterministicPublishPlanner.Metadata(script, run.Channel, platform);
            (metadata, var creditNotes) = FootageCredits.AppendTo(metadata, platform, credits);
            foreach (var note in creditNotes) journal.Progress.Info($"{platform}: {note}");
            var key = IdempotencyKeys.ForPublish(run.Channel.Id, videoHash, platform);
            PublishReceipt? receipt;
            try
            {
                receipt = await PublishOnceAsync(state.Video.VideoPath, platform, metadata, key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                receipt = await ReconcileAsync(platform, key, ex, cancellationToken).ConfigureAwait(false);
                if (receipt is null)
                {
                    var reason = ex is ToolCallException t ? t.Message : $"{ex.GetType().Name}: {ex.Message}";
                    missing.Add(new MissingPost(platform, reason));
                    journal.Gate(GateResult.Fail($"{GateNames.Publish}:{platform}", reason));
                    continue;
                }
            }
            journal.Gate(receipt.IdempotencyKey == key
                ? GateResult.Pass($"{GateNames.Publish}:{platform}", $"{receipt.Status} as {receipt.ExternalId}")
                : GateResult.Fail($"{GateNames.Publish}:{platform}", $"receipt key {receipt.IdempotencyKey} does not match {key}"));
            live.Add(receipt);
            await RegisterAsync(script, receipt, plan.PostAt, state.Video.Info.DurationSec, cancellationToken).ConfigureAwait(false);
        }
        if (missing.Count == 0) return new RunPublished(state, live);
        return live.Count > 0
            ? new RunPartiallyPublished(state, live, missing)
            : new RunFailed(StepName, MissingPost.Describe(missing), missing);
    }

    /// <summary>
    /// Registers a live post in the performance memory. The post is live whatever happens here: a registration that
    /// fails is reported (and can be redone with record_performance), never turned into a failed publish.
    /// </summary>
    private async Task RegisterAsync(VideoScript script, PublishReceipt receipt, DateTimeOffset postAt, double durationSec, CancellationToken cancellationToken)
    {
        if (published is null) return;
        try
        {
            await published.RecordAsync(run, script, receipt, postAt, durationSec, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            journal.Progress.Info($"{receipt.Platform}: live, but not registered in the performance memory ({ex.Message})");
        }
    }

    /// <summary>
    /// Confirmed before → the recorded receipt, no call. Intent without confirmation → ask the publisher whether the
    /// key landed and confirm that receipt. Otherwise record the intent, publish, confirm.
    /// </summary>
    private async Task<PublishReceipt> PublishOnceAsync(string videoPath, string platform, PublishMetadata metadata, string key, CancellationToken cancellationToken)
    {
        switch (ledger.Find(key))
        {
            case { Confirmed: true, Receipt: { } confirmed }:
                journal.Progress.Info($"{platform}: already published under this key (ledger), not calling the publisher again");
                journal.Published(confirmed);
                return confirmed;
            case { Confirmed: false }:
                if (await tools.FindPublicationAsync(key, cancellationToken).ConfigureAwait(false) is { } landed)
                {
                    journal.Progress.Info($"{platform}: a pending publish had landed; reconciled with the publisher");
                    return Confirm(key, landed);
                }
                journal.Progress.Info($"{platform}: a pending publish had not landed; publishing now");
                break;
            default:
                ledger.RecordIntent(key, platform);
                break;
        }
        journal.Fault("publish:after_intent");
        var result = await tools.PublishAsync(videoPath, platform, metadata, key, cancellationToken).ConfigureAwait(false);
        journal.Fault("publish:after_call");
        return Confirm(key, result);
    }

    /// <summary>
    /// The publish call failed after its retries, so its result is unknown: the post may have landed (a platform that
    /// answers 502 after accepting it). Ask the publisher; a post that landed is confirmed and counted live.
    /// </summary>
    private async Task<PublishReceipt?> ReconcileAsync(string platform, string key, Exception failure, CancellationToken cancellationToken)
    {
        if (ledger.Find(key) is not { Confirmed: false }) return null; // never got as far as the intent: nothing can have landed
        try
        {
            if (await tools.FindPublicationAsync(key, cancellationToken).ConfigureAwait(false) is { } landed)
            {
                journal.Progress.Info($"{platform}: the publish call failed ({failure.Message}) but the post landed; counted live");
                return Confirm(key, landed);
            }
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unknown either way: the intent stays unconfirmed, so a retry or resume reconciles it before posting again.
            journal.Progress.Info($"{platform}: could not ask the publisher whether the post landed ({ex.Message}); left pending for reconciliation");
            return null;
        }
    }

    private PublishReceipt Confirm(string key, PublishToolResult r)
    {
        var receipt = new PublishReceipt(r.Platform, r.IdempotencyKey, r.ExternalId, r.Location, r.Status, r.PublishedAt, r.Duplicate);
        ledger.Confirm(key, receipt);
        journal.Published(receipt);
        return receipt;
    }
}
