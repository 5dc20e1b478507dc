namespace AiVideo.Bench.Reliability;

/// <summary>
/// The checker's own bars, chosen here and not read from the product's gates (a benchmark that borrowed the gates'
/// thresholds would only re-run the gates). Where a value echoes a platform rule the source is named.
/// </summary>
public static class CheckThresholds
{
    /// <summary>Codecs every target platform accepts without re-encoding trouble.</summary>
    public const string VideoCodec = "h264";
    public const string AudioCodec = "aac";
    public const string PixelFormat = "yuv420p";

    /// <summary>Audio and video stream lengths may differ by this much (one frame at 10 fps plus AAC priming/padding).</summary>
    public const double AvToleranceSec = 0.25;

    /// <summary>The container length may exceed the narration's last word by this much (a short tail after the CTA).</summary>
    public const double TailToleranceSec = 1.5;

    /// <summary>A caption must appear within this of its word being spoken (one word at a fast speaking rate).</summary>
    public const double CaptionToleranceSec = 0.15;

    /// <summary>
    /// Integrated loudness window: short-form platforms normalise to about −14 LUFS; ±3 LU covers measuring a 5 s clip
    /// (the ebur128 gate drops its quiet start) without letting silence (−70) or clipping through.
    /// </summary>
    public const double MinLufs = -17.0;
    public const double MaxLufs = -11.0;

    /// <summary>Sample peak ceiling (dBFS from ebur128's true-peak meter); AAC needs head-room below full scale.</summary>
    public const double MaxTruePeak = -0.5;

    /// <summary>
    /// Drift: the hue histogram of the published video (top <see cref="DriftTopShare"/> of the frame, captions left out)
    /// must share at least this much with the channel's reference picture. Measured on the procedural renderer: the
    /// channel's own videos share 0.72–0.95 with it, a video in another channel's palette (chaos drifted_shot) 0.004.
    /// </summary>
    public const double MinHueIntersection = 0.45;

    public const double DriftTopShare = 0.55;

    /// <summary>A brand word counts as misspelled when a token is this close to it (edit distance) without being it.</summary>
    public static int BrandEditDistance(string brand) => brand.Length <= 5 ? 1 : 2;

    /// <summary>Platform rules (published limits as of 2025): longest video, title and caption lengths, hashtags.</summary>
    public sealed record PlatformRule(double MinSec, double MaxSec, int MaxTitle, int MaxCaption, int MaxHashtags);

    public static PlatformRule? Rule(string platform) => platform switch
    {
        "tiktok" => new PlatformRule(3, 600, 2200, 2200, 30),
        "youtube_shorts" => new PlatformRule(1, 180, 100, 5000, 15),
        "instagram_reels" => new PlatformRule(3, 90, 2200, 2200, 30),
        "webhook" => new PlatformRule(1, 3600, 10_000, 10_000, 100),
        _ => null,
    };
}
