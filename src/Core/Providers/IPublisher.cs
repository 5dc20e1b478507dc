using AiVideo.Core.Domain;

namespace AiVideo.Core.Providers;

/// <summary>Hands a finished video to one platform. Idempotent per key: a repeated key returns the first receipt.</summary>
public interface IPublisher
{
    string Name { get; }

    bool Supports(string platform);

    Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    /// <summary>The receipt recorded for a key, or null when nothing landed under it.</summary>
    Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);
}

/// <param name="VideoPath">Absolute path of the video file to publish.</param>
public sealed record PublishRequest(string Platform, string VideoPath, PublishMetadata Metadata, string IdempotencyKey);
