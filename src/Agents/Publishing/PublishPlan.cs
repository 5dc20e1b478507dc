using AiVideo.Core.Domain;

namespace AiVideo.Agents.Publishing;

/// <summary>What to post where and when: one post per channel platform, and the chosen posting time.</summary>
public sealed record PublishPlan(IReadOnlyList<PlatformPost> Posts, DateTimeOffset PostAt, IReadOnlyList<string> Notes);

/// <summary>The metadata for one platform, and who wrote it.</summary>
public sealed record PlatformPost(string Platform, PublishMetadata Metadata, string Author);

/// <summary>Decides the per-platform words and the posting time of a finished video.</summary>
public interface IPublishPlanner
{
    string Name { get; }

    Task<PublishPlan> PlanAsync(VideoScript script, ChannelProfile channel, CancellationToken cancellationToken);
}
