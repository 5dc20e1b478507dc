using System.Globalization;
using AiVideo.Core.Domain;
using AiVideo.Core.Publishing;

namespace AiVideo.Core.Gates;

/// <summary>The final file fits every platform the channel posts to: duration, file size, vertical 9:16 aspect.</summary>
public sealed class PlatformLimitsGate
{
    public GateResult Evaluate(MediaInfo info, IReadOnlyList<string> platforms)
    {
        var problems = new List<string>();
        foreach (var platform in platforms)
        {
            var limits = PlatformLimits.MediaFor(platform);
            if (info.DurationSec > limits.MaxDurationSec)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{platform}: {info.DurationSec:0.#} s is over {limits.MaxDurationSec:0} s"));
            }
            if (info.SizeBytes > limits.MaxBytes)
            {
                problems.Add($"{platform}: {info.SizeBytes / 1_000_000} MB is over {limits.MaxBytes / 1_000_000} MB");
            }
            if (limits.Vertical && (info.Height <= 0 || Math.Abs(info.Width / (double)info.Height - 9.0 / 16.0) > 0.01))
            {
                problems.Add($"{platform}: {info.Width}x{info.Height} is not 9:16");
            }
        }
        var summary = string.Create(CultureInfo.InvariantCulture, $"{info.DurationSec:0.#} s, {info.SizeBytes / 1_000_000.0:0.#} MB, {info.Width}x{info.Height} for {string.Join(", ", platforms)}");
        return problems.Count == 0
            ? GateResult.Pass(GateNames.PlatformLimits, summary, info.DurationSec)
            : GateResult.Fail(GateNames.PlatformLimits, "platform limits: " + string.Join("; ", problems), info.DurationSec);
    }
}
