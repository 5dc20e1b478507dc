using AiVideo.Core.Domain;

namespace AiVideo.Agents.Publishing;

/// <summary>Offline publishing decisions: the script's title, hook + hashtags as caption, the next posting window.</summary>
public sealed class DeterministicPublishPlanner(PostingSchedule schedule) : IPublishPlanner
{
    public string Name => "deterministic";

    public Task<PublishPlan> PlanAsync(VideoScript script, ChannelProfile channel, CancellationToken cancellationToken)
    {
        var posts = channel.Platforms.Select(p => new PlatformPost(p, Metadata(script, channel, p), Name)).ToList();
        return Task.FromResult(new PublishPlan(posts, schedule.Next(channel), []));
    }

    /// <summary>The default metadata for one platform, trimmed to its limits.</summary>
    public static PublishMetadata Metadata(VideoScript script, ChannelProfile channel, string platform)
    {
        var (titleMax, captionMax) = Core.Publishing.PlatformLimits.For(platform);
        var title = script.Title.Length <= titleMax ? script.Title : script.Title[..(titleMax - 1)] + "…";
        var hashtags = script.Hashtags.Take(Core.Publishing.PlatformLimits.MaxHashtags).ToList();
        var caption = $"{script.Hook} {string.Join(' ', hashtags)}".Trim();
        if (caption.Length > captionMax) caption = caption[..captionMax];
        return new PublishMetadata(title, caption, hashtags, channel.Id);
    }
}
