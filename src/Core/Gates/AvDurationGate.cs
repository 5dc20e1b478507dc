using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>The audio and video streams of the final file last equally long (no truncated narration, no frozen tail).</summary>
public sealed class AvDurationGate
{
    public GateResult Evaluate(MediaInfo info, QaSettings qa)
    {
        if (info.AudioDurationSec is not { } audio || info.VideoDurationSec is not { } video)
        {
            return GateResult.Fail(GateNames.AvDuration, $"missing stream: audio {(info.AudioDurationSec is null ? "none" : "ok")}, video {(info.VideoDurationSec is null ? "none" : "ok")}", null, qa.MaxAvDriftSec);
        }
        var drift = Math.Abs(audio - video);
        var text = string.Create(CultureInfo.InvariantCulture, $"audio {audio:0.###} s, video {video:0.###} s (differ by {drift:0.###} s)");
        return drift <= qa.MaxAvDriftSec
            ? GateResult.Pass(GateNames.AvDuration, text, Math.Round(drift, 3), qa.MaxAvDriftSec)
            : GateResult.Fail(GateNames.AvDuration, "audio and video lengths differ: " + text, Math.Round(drift, 3), qa.MaxAvDriftSec);
    }
}
