using AiVideo.Agents.Publishing;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Publishing;
using AiVideo.Core.Workspace;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Publishing: one post per platform of the channel, each with an idempotency key derived from channel, the final
/// video's content hash and platform, so a repeated delivery of this step can never post twice.
/// </summary>
[SendsMessage(typeof(RunPublished))]
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
        // Only the channel's own platforms are ever published, whatever the plan says.
        foreach (var platform in run.Channel.Platforms)
        {
            var metadata = plan.Posts.FirstOrDefault(p => p.Platform == platform)?.Metadata
                ?? DeterministicPublishPlanner.Metadata(script, run.Channel, platform);
            var key = IdempotencyKeys.ForPublish(run.Channel.Id, videoHash, platform);
            var receipt = await PublishOnceAsync(state.Video.VideoPath, platform, metadata, key, cancellationToken).ConfigureAwait(false);
            journal.Gate(receipt.IdempotencyKey == key
                ? GateResult.Pass($"{GateNames.Publish}:{platform}", $"{receipt.Status} as {receipt.ExternalId}")
                : GateResult.Fail($"{GateNames.Publish}:{platform}", $"receipt key {receipt.IdempotencyKey} does not match {key}"));
            if (published is not null) await published.RecordAsync(run, script, receipt, plan.PostAt, state.Video.Info.DurationSec, cancellationToken).ConfigureAwait(false);
        }
        return new RunPublished(state);
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

    private PublishReceipt Confirm(string key, PublishToolResult r)
    {
        var receipt = new PublishReceipt(r.Platform, r.IdempotencyKey, r.ExternalId, r.Location, r.Status, r.PublishedAt, r.Duplicate);
        ledger.Confirm(key, receipt);
        journal.Published(receipt);
        return receipt;
    }
}
