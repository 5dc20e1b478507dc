namespace AiVideo.Core.Domain;

/// <summary>Proof that a video was handed to a platform (or the local outbox).</summary>
public sealed record PublishReceipt(
    string Platform,
    string IdempotencyKey,
    string ExternalId,
    string Location,
    string Status,
    DateTimeOffset PublishedAt,
    bool Duplicate);

/// <summary>What a platform receives alongside the video file.</summary>
public sealed record PublishMetadata(string Title, string Caption, IReadOnlyList<string> Hashtags, string ChannelId);
