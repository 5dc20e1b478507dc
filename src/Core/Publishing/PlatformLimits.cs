using AiVideo.Core;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Publishing;

/// <summary>What each platform accepts as post metadata. Checked before anything is written.</summary>
public static class PlatformLimits
{
    private static readonly Dictionary<string, (int Title, int Caption)> Limits = new()
    {
        [PlatformNames.YouTubeShorts] = (100, 5000),
        [PlatformNames.TikTok] = (150, 2200),
        [PlatformNames.InstagramReels] = (150, 2200),
        [PlatformNames.Webhook] = (500, 10000),
    };

    /// <summary>
    /// What each platform accepts as a short (conservative public limits as of 2026: TikTok uploads up to 10 min and
    /// 287 MB from mobile; YouTube Shorts up to 3 min; Instagram Reels up to 3 min). Webhooks take any shape.
    /// </summary>
    private static readonly Dictionary<string, MediaLimits> Media = new()
    {
        [PlatformNames.TikTok] = new(600, 287_000_000, true),
        [PlatformNames.YouTubeShorts] = new(180, 2_000_000_000, true),
        [PlatformNames.InstagramReels] = new(180, 1_000_000_000, true),
        [PlatformNames.Webhook] = new(3600, 4_000_000_000, false),
    };

    public static MediaLimits MediaFor(string platform) =>
        Media.TryGetValue(platform, out var limits)
            ? limits
            : throw new InvalidInputException(PlatformNames.UnknownMessage(platform));

    public const int MaxHashtags = 30;
    public const int MaxHashtagLength = 100;

    /// <summary>Title and caption limits of a known platform.</summary>
    public static (int Title, int Caption) For(string platform) =>
        Limits.TryGetValue(platform, out var limits)
            ? limits
            : throw new InvalidInputException(PlatformNames.UnknownMessage(platform));

    public static void Validate(string platform, PublishMetadata metadata)
    {
        if (!PlatformNames.IsKnown(platform))
        {
            throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        }
        var (title, caption) = Limits[platform];
        if (string.IsNullOrWhiteSpace(metadata.Title))
        {
            throw new InvalidInputException("title is required");
        }
        if (metadata.Title.Length > title)
        {
            throw new InvalidInputException($"title is {metadata.Title.Length} characters; {platform} allows {title}");
        }
        if ((metadata.Caption ?? "").Length > caption)
        {
            throw new InvalidInputException($"caption is {metadata.Caption!.Length} characters; {platform} allows {caption}");
        }
        if (metadata.Hashtags.Count > MaxHashtags)
        {
            throw new InvalidInputException($"{metadata.Hashtags.Count} hashtags; at most {MaxHashtags}");
        }
        if (metadata.Hashtags.FirstOrDefault(h => string.IsNullOrWhiteSpace(h) || h.Length > MaxHashtagLength || h.Any(char.IsWhiteSpace)) is { } bad)
        {
            throw new InvalidInputException($"hashtag '{bad}' must be 1..{MaxHashtagLength} characters without spaces");
        }
        if (string.IsNullOrWhiteSpace(metadata.ChannelId) || metadata.ChannelId.Length > 48 || metadata.ChannelId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidInputException($"channelId '{metadata.ChannelId}' must be 1..48 characters of letters, digits, '-' or '_'");
        }
    }
}

/// <summary>The media a platform accepts: longest duration, largest file, whether it must be vertical 9:16.</summary>
public sealed record MediaLimits(double MaxDurationSec, long MaxBytes, bool Vertical);
