using System.Globalization;
using System.Text.RegularExpressions;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Loudness;

/// <summary>EBU R128 loudness of a file's audio (ffmpeg ebur128 with true peak), optionally with where it is silent.</summary>
public sealed partial class LoudnessMeter(ProcessRunner runner)
{
    /// <param name="preFilter">Optional audio filter chain applied before measuring (to measure what a chain will produce).</param>
    public async Task<LoudnessReading> MeasureAsync(string path, CancellationToken cancellationToken, string? preFilter = null) =>
        (await AnalyzeAsync(path, preFilter, null, cancellationToken).ConfigureAwait(false)).Loudness;

    /// <summary>
    /// Loudness and the silent stretches of the audio in one decode: silencedetect (below <paramref name="silenceThresholdDb"/>
    /// dBFS for at least <paramref name="minSilenceSec"/>) runs after <paramref name="preFilter"/>, before ebur128.
    /// </summary>
    public Task<LoudnessAnalysis> MeasureWithSilencesAsync(string path, string? preFilter, double silenceThresholdDb, double minSilenceSec, CancellationToken cancellationToken) =>
        AnalyzeAsync(path, preFilter, string.Create(CultureInfo.InvariantCulture, $"silencedetect=n={silenceThresholdDb:0.##}dB:d={minSilenceSec:0.###}"), cancellationToken);

    private async Task<LoudnessAnalysis> AnalyzeAsync(string path, string? preFilter, string? silenceFilter, CancellationToken cancellationToken)
    {
        var filter = string.Join(',', new[] { preFilter, silenceFilter, "ebur128=peak=true" }.Where(f => f is not null));
        var result = await runner.RunCheckedAsync("ffmpeg",
            ["-nostats", "-hide_banner", "-i", path, "-map", "0:a:0", "-filter:a", filter, "-f", "null", "-"], cancellationToken).ConfigureAwait(false);
        var log = result.StandardError;
        var summary = log[Math.Max(0, log.LastIndexOf("Summary:", StringComparison.Ordinal))..];
        var integrated = Integrated().Match(summary);
        var peak = TruePeak().Match(summary);
        if (!integrated.Success)
        {
            throw new InvalidDataException($"could not read loudness of '{Path.GetFileName(path)}'");
        }
        var reading = new LoudnessReading(
            double.Parse(integrated.Groups[1].Value, CultureInfo.InvariantCulture),
            peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : null);
        return new LoudnessAnalysis(reading, silenceFilter is null ? [] : Silences(log));
    }

    /// <summary>silencedetect's stretches; one still open at the end of the file has no end (null).</summary>
    private static List<Silence> Silences(string log)
    {
        var silences = new List<Silence>();
        double? start = null;
        foreach (Match m in SilenceEvent().Matches(log))
        {
            var at = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (m.Groups[1].Value == "start")
            {
                start = at;
            }
            else if (start is not null)
            {
                silences.Add(new Silence(Math.Max(0, start.Value), at));
                start = null;
            }
        }
        if (start is not null) silences.Add(new Silence(Math.Max(0, start.Value), null));
        return silences;
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+|-inf) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", RegexOptions.Singleline)]
    private static partial Regex TruePeak();

    [GeneratedRegex(@"silence_(start|end): (-?[\d.]+(?:e-?\d+)?)")]
    private static partial Regex SilenceEvent();
}

/// <param name="IntegratedLufs">Integrated loudness, LUFS.</param>
/// <param name="TruePeakDbtp">True peak, dBTP.</param>
public sealed record LoudnessReading(double IntegratedLufs, double? TruePeakDbtp);

/// <summary>A silent stretch in seconds; <paramref name="EndSec"/> is null when it lasts to the end of the file.</summary>
public sealed record Silence(double StartSec, double? EndSec);

public sealed record LoudnessAnalysis(LoudnessReading Loudness, IReadOnlyList<Silence> Silences);
