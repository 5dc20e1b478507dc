using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Publish.Platforms;

/// <summary>The state of one post on a real platform, as recorded in <c>platform_posts</c>.</summary>
public enum PlatformPostState
{
    /// <summary>Recorded before the bytes were sent; whether it landed is not known yet.</summary>
    Pending,

    /// <summary>The platform confirmed it; <see cref="PlatformPost.Receipt"/> is set.</summary>
    Live,

    /// <summary>The platform refused it for good (nothing landed); publishing the key again is a new attempt.</summary>
    Failed,
}

/// <summary>
/// One intent in the ledger: the idempotency key, the platform and provider it went to, the handle the platform gave
/// (an id, or a status URL to ask), its state and, once live, the receipt.
/// </summary>
public sealed record PlatformPost(
    string IdempotencyKey,
    string Platform,
    string Provider,
    string ChannelId,
    string? Handle,
    string? StatusUrl,
    PlatformPostState State,
    PublishReceipt? Receipt,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
