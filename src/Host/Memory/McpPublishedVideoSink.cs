using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Memory;

/// <summary>
/// Registers every confirmed publication with the Publish server (register_publication: platform id, topic = the brief's
/// title, hook, beats, duration, planned post time), so metrics recorded later attach to what the video said.
/// Idempotent: a re-delivered publish step refreshes the same row.
/// </summary>
public sealed class McpPublishedVideoSink(PerformanceMemoryClient memory) : IPublishedVideoSink
{
    public async Task RecordAsync(RunContext run, VideoScript script, PublishReceipt receipt, DateTimeOffset postAt, double durationSec, CancellationToken cancellationToken) =>
        await memory.RegisterAsync(receipt.Platform, receipt.ExternalId, run.Channel.Id, script.Title, script.Hook, run.Brief.Title,
            script.Beats.Select(b => b.Text).ToList(), Math.Round(durationSec, 2), postAt, run.RunId, cancellationToken).ConfigureAwait(false);
}
