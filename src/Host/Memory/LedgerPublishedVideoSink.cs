using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;
using AiVideo.Memory.Performance;

namespace AiVideo.Host.Memory;

/// <summary>
/// Registers every confirmed publication in the performance ledger (platform id, topic = the brief's title, hook,
/// hook style, beats, duration, planned post time), so metrics recorded later attach to what the video said.
/// Idempotent: a re-delivered publish step refreshes the same row.
/// </summary>
public sealed class LedgerPublishedVideoSink(PerformanceLedger ledger) : IPublishedVideoSink
{
    public Task RecordAsync(RunContext run, VideoScript script, PublishReceipt receipt, DateTimeOffset postAt, double durationSec, CancellationToken cancellationToken) =>
        ledger.RegisterVideoAsync(new PublishedVideo
        {
            ChannelId = run.Channel.Id,
            Platform = receipt.Platform,
            ExternalId = receipt.ExternalId,
            RunId = run.RunId,
            Title = script.Title,
            Hook = script.Hook,
            Topic = run.Brief.Title,
            Beats = script.Beats.Select(b => b.Text).ToList(),
            HookStyle = HookStyles.Classify(script.Hook),
            DurationSec = Math.Round(durationSec, 2),
            PostedAt = postAt,
        }, cancellationToken);
}
