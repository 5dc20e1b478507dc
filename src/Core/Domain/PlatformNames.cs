namespace AiVideo.Core.Domain;

/// <summary>The publishing targets the product knows. Anything else is rejected at load time.</summary>
public static class PlatformNames
{
    public const string TikTok = "tiktok";
    public const string YouTubeShorts = "youtube_shorts";
    public const string InstagramReels = "instagram_reels";
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [TikTok, YouTubeShorts, InstagramReels, Webhook];

    public static bool IsKnown(string platform) => All.Contains(platform, StringComparer.Ordinal);

    /// <summary>The one wording of "not a platform we know", used wherever a platform name is checked.</summary>
    public static string UnknownMessage(string platform) => $"unknown platform '{platform}' (known: {string.Join(", ", All)})";
}
