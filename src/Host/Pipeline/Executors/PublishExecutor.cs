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
public sealed class PublishExecutor(RunContext run, RunJournal journal, IMediaTools tools, ArtifactWorkspace workspace, IPublishPlanner planner)
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
            var r = await tools.PublishAsync(state.Video.VideoPath, platform, metadata, key, cancellationToken).ConfigureAwait(false);
            var receipt = new PublishReceipt(r.Platform, r.IdempotencyKey, r.ExternalId, r.Location, r.Status, r.PublishedAt, r.Duplicate);
            journal.Published(receipt);
            journal.Gate(receipt.IdempotencyKey == key
                ? GateResult.Pass($"{GateNames.Publish}:{platform}", $"{receipt.Status} as {receipt.ExternalId}")
                : GateResult.Fail($"{GateNames.Publish}:{platform}", $"receipt key {receipt.IdempotencyKey} does not match {key}"));
        }
        return new RunPublished(state);
    }
}
