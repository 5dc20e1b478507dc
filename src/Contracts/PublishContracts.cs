using AiVideo.Core.Domain;

namespace AiVideo.Contracts;

// Results of the Publish server's outbox tools (publish_video, list_published, find_publication).

/// <summary>A publication receipt as the tools return it.</summary>
public sealed record PublishToolResult(string Platform, string IdempotencyKey, string ExternalId, string Location, string Status, DateTimeOffset PublishedAt, bool Duplicate)
{
    public static PublishToolResult From(PublishReceipt r) => new(r.Platform, r.IdempotencyKey, r.ExternalId, r.Location, r.Status, r.PublishedAt, r.Duplicate);
}

/// <summary>find_publication: whether the key landed, and its receipt.</summary>
public sealed record FindPublicationToolResult(bool Found, PublishToolResult? Receipt);
