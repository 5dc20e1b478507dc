using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Bench.Common;

namespace AiVideo.Bench.Reliability;

/// <summary>What ffprobe says about a file (streams read by the checker itself, not the product's probe).</summary>
public sealed record ProbedFile(string? VideoCodec, string? AudioCodec, string? PixelFormat, int Width, int Height, double? VideoSec, double? AudioSec, double? FormatSec);

/// <summary>ebur128 summary: integrated loudness (LUFS) and true peak (dBTP).</summary>
public sealed record Loudness(double IntegratedLufs, double TruePeakDbtp);

/// <summary>The checker's own ffprobe/ffmpeg calls.</summary>
public static partial class MediaFacts
{
    public static async Task<ProbedFile> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var output = await BenchProcess.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "stream=codec_type,codec_name,pix_fmt,width,height,duration:format=duration", "-of", "json", path],
            cancellationToken, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (output.ExitCode != 0) throw new InvalidDataException($"ffprobe: {FirstLine(output.Stderr)}");
        using var json = JsonDocument.Parse(output.Stdout);
        string? vc = null, ac = null, pix = null;
        int w = 0, h = 0;
        double? vs = null, @as = null, fs = null;
        if (json.RootElement.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var type = Str(s, "codec_type");
                if (type == "video" && vc is null)
                {
                    vc = Str(s, "codec_name");
                    pix = Str(s, "pix_fmt");
                    w = s.TryGetProperty("width", out var wv) ? wv.GetInt32() : 0;
                    h = s.TryGetProperty("height", out var hv) ? hv.GetInt32() : 0;
                    vs = Num(Str(s, "duration"));
                }
                else if (type == "audio" && ac is null)
                {
                    ac = Str(s, "codec_name");
                    @as = Num(Str(s, "duration"));
                }
            }
        }
        if (json.RootElement.TryGetProperty("format", out var format)) fs = Num(Str(format, "duration"));
        return new ProbedFile(vc, ac, pix, w, h, vs, @as, fs);
    }

    /// <summary>Integrated loudness and true peak by <c>ffmpeg -af ebur128=peak=true</c>, parsed from its summary.</summary>
    public static async Task<Loudness> LoudnessAsync(string path, CancellationToken cancellationToken)
    {
        var output = await BenchProcess.RunAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", path, "-vn", "-af", "ebur128=peak=true", "-f", "null", "-"],
            cancellationToken, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (output.ExitCode != 0) throw new InvalidDataException($"ebur128: {FirstLine(output.Stderr)}");
        var summary = output.Stderr[Math.Max(0, output.Stderr.LastIndexOf("Summary:", StringComparison.Ordinal))..];
        var i = IntegratedPattern().Match(summary);
        var p = PeakPattern().Match(summary);
        if (!i.Success) throw new InvalidDataException("ebur128: no integrated loudness in the summary");
        return new Loudness(double.Parse(i.Groups[1].Value, CultureInfo.InvariantCulture),
            p.Success ? double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    /// <summary>
    /// A colour signature of a picture or video: a hue histogram (<see cref="HueBins"/> bins, each pixel weighted by its
    /// saturation × value) over the top part of the frame (the caption band at the bottom is left out), sampled at 2 fps
    /// from 24×24 thumbnails. Normalised to sum 1 (all zeros for a grey/black picture).
    /// </summary>
    public static async Task<double[]> HueSignatureAsync(string path, CancellationToken cancellationToken)
    {
        const int side = 24;
        var isImage = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase);
        var filter = (isImage ? "" : "fps=2,") + $"crop=iw:ih*{CheckThresholds.DriftTopShare.ToString(CultureInfo.InvariantCulture)}:0:0,scale={side}:{side},format=rgb24";
        var bytes = await BenchProcess.RunBytesAsync("ffmpeg", ["-v", "error", "-i", path, "-vf", filter, "-f", "rawvideo", "-"], cancellationToken,
            TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var bins = new double[HueBins];
        for (var i = 0; i + 2 < bytes.Length; i += 3)
        {
            double r = bytes[i] / 255.0, g = bytes[i + 1] / 255.0, b = bytes[i + 2] / 255.0;
            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            var chroma = max - min;
            if (chroma < 1e-6) continue;
            double hue = max == r ? (g - b) / chroma % 6 : max == g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
            hue = (hue * 60 + 360) % 360;
            bins[(int)(hue / (360.0 / HueBins)) % HueBins] += chroma / max * max; // saturation × value = chroma
        }
        var total = bins.Sum();
        return total > 0 ? bins.Select(v => v / total).ToArray() : bins;
    }

    public const int HueBins = 12;

    /// <summary>Histogram intersection, 0 (nothing shared) … 1 (identical).</summary>
    public static double Intersection(IReadOnlyList<double> a, IReadOnlyList<double> b) => a.Zip(b, Math.Min).Sum();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "failed";

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedPattern();

    [GeneratedRegex(@"Peak:\s+(-?[\d.]+) dBFS")]
    private static partial Regex PeakPattern();
}
