namespace AiVideo.Core.Domain;

/// <summary>What ffprobe says about a media file.</summary>
public sealed record MediaInfo
{
    public double DurationSec { get; init; }
    public string? VideoCodec { get; init; }
    public string? AudioCodec { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public double FrameRate { get; init; }
    public string? PixelFormat { get; init; }
    public double? AudioDurationSec { get; init; }
    public double? VideoDurationSec { get; init; }
    public long SizeBytes { get; init; }
    public bool FastStart { get; init; }
}
