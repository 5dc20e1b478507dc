using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>Where a confirmed publication goes so its performance can be learned from later.</summary>
public interface IPublishedVideoSink
{
    Task RecordAsync(RunContext run, VideoScript script, PublishReceipt receipt, DateTimeOffset postAt, double durationSec, CancellationToken cancellationToken);
}
