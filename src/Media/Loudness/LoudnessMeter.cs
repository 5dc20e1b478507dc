using System.Globalization;
using System.Text.RegularExpressions;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Loudness;

/// <summary>EBU R128 loudness of a file's audio (ffmpeg ebur128 with true peak).</summary>
public sealed partial class LoudnessMeter(ProcessRunner runner)
{
    /// <param name="preFilter">Optional audio filter chain applied before measuring (to measure what a chain will produce).</param>
    public async Task<LoudnessReading> MeasureAsync(string path, CancellationToken cancellationToken, string? preFilter = null)
    {
        var filter = preFilter is null ? "ebur128=peak=true" : $"{preFilter},ebur128=peak=true";
        var result = await runner.RunCheckedAsync("ffmpeg",
            ["-nostats", "-hide_banner", "-i", path, "-map", "0:a:0", "-filter:a", filter, "-f", "null", "-"], cancellationToken).ConfigureAwait(false);
        var summary = result.StandardError[Math.Max(0, result.StandardError.LastIndexOf("Summary:", StringComparison.Ordinal))..];
        var integrated = Integrated().Match(summary);
        var peak = TruePeak().Match(summary);
        if (!integrated.Success)
        {
            throw new InvalidDataException($"could not read loudness of '{Path.GetFileName(path)}'");
        }
        return new LoudnessReading(
            double.Parse(integrated.Groups[1].Value, CultureInfo.InvariantCulture),
            peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+|-inf) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", RegexOptions.Singleline)]
    private static partial Regex TruePeak();
}

/// <param name="IntegratedLufs">Integrated loudness, LUFS.</param>
/// <param name="TruePeakDbtp">True peak, dBTP.</param>
public sealed record LoudnessReading(double IntegratedLufs, double? TruePeakDbtp);
