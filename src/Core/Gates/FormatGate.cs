using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>The assembled file must be a platform-ready H.264/AAC yuv420p short of the requested size whose length matches the narration.</summary>
public sealed class FormatGate
{
    public const double DurationToleranceSec = 0.3;

    public GateResult Evaluate(MediaInfo info, VideoSize expectedSize, double narrationSec)
    {
        var problems = new List<string>();
        if (!string.Equals(info.VideoCodec, "h264", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"video codec {info.VideoCodec ?? "none"} (want h264)");
        }
        if (!string.Equals(info.AudioCodec, "aac", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"audio codec {info.AudioCodec ?? "none"} (want aac)");
        }
        if (!string.Equals(info.PixelFormat, "yuv420p", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"pixel format {info.PixelFormat ?? "none"} (want yuv420p)");
        }
        if (info.Width != expectedSize.Width || info.Height != expectedSize.Height)
        {
            problems.Add($"size {info.Width}x{info.Height} (want {expectedSize})");
        }
        var drift = Math.Abs(info.DurationSec - narrationSec);
        if (drift > DurationToleranceSec)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"duration {info.DurationSec:0.###} s vs narration {narrationSec:0.###} s"));
        }
        var value = Math.Round(drift, 3);
        return problems.Count == 0
            ? GateResult.Pass(GateNames.Format, string.Create(CultureInfo.InvariantCulture, $"h264/aac yuv420p {info.Width}x{info.Height}, {info.DurationSec:0.##} s (off by {drift:0.###} s)"), value, DurationToleranceSec)
            : GateResult.Fail(GateNames.Format, "format check failed: " + string.Join("; ", problems), value, DurationToleranceSec);
    }
}
