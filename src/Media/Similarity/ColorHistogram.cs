namespace AiVideo.Media.Similarity;

/// <summary>
/// A coarse, soft-binned HSV colour histogram of an RGB24 image, normalised to sum 1.
/// Chromatic colours go into hue (16) × saturation (3) × value (3) bins with linear interpolation between
/// neighbouring bin centres (so a colour on a bin edge does not flip bins when re-encoded); greys go into
/// 4 value-only bins and near-black into one bin, because hue means nothing there.
/// Compared by histogram intersection: 1 = same colour distribution, 0 = no colour in common.
/// </summary>
public sealed class ColorHistogram
{
    public const int HueBins = 16;
    public const int SaturationBins = 3;
    public const int ValueBins = 3;
    public const int GreyBins = 4;

    private const int ChromaticBins = HueBins * SaturationBins * ValueBins;
    private const int BlackBin = ChromaticBins + GreyBins;

    private readonly double[] _bins = new double[ChromaticBins + GreyBins + 1];

    private ColorHistogram()
    {
    }

    /// <summary>Share of the image that is near-black (value below ~0.12).</summary>
    public double BlackShare => _bins[BlackBin];

    public static ColorHistogram FromRgb24(ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length == 0 || pixels.Length % 3 != 0)
        {
            throw new ArgumentException("RGB24 pixel data must be a non-empty multiple of 3 bytes", nameof(pixels));
        }
        var histogram = new ColorHistogram();
        var count = pixels.Length / 3;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            histogram.Add(pixels[i] / 255.0, pixels[i + 1] / 255.0, pixels[i + 2] / 255.0);
        }
        for (var b = 0; b < histogram._bins.Length; b++)
        {
            histogram._bins[b] /= count;
        }
        return histogram;
    }

    /// <summary>Histogram intersection, Σ min(a, b): 0..1.</summary>
    public double Intersection(ColorHistogram other)
    {
        var sum = 0.0;
        for (var b = 0; b < _bins.Length; b++)
        {
            sum += Math.Min(_bins[b], other._bins[b]);
        }
        return Math.Clamp(sum, 0, 1);
    }

    private void Add(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var v = max;
        var s = max <= 0 ? 0 : (max - min) / max;

        // Near-black fades into the black bin, greys into value-only bins, both with soft edges.
        var blackWeight = Ramp(v, 0.16, 0.08);
        var greyWeight = (1 - blackWeight) * Ramp(s, 0.22, 0.12);
        var chromaWeight = 1 - blackWeight - greyWeight;

        if (blackWeight > 0)
        {
            _bins[BlackBin] += blackWeight;
        }
        if (greyWeight > 0)
        {
            Spread(v, GreyBins, greyWeight, (i, w) => _bins[ChromaticBins + i] += w);
        }
        if (chromaWeight <= 0)
        {
            return;
        }

        var h = Hue(r, g, b, max, min);
        var hPos = (h / 360.0 * HueBins) - 0.5;
        var h0 = (int)Math.Floor(hPos);
        var hFrac = hPos - h0;
        var hueA = ((h0 % HueBins) + HueBins) % HueBins;
        var hueB = (hueA + 1) % HueBins;
        Spread(s, SaturationBins, chromaWeight, (si, sw) =>
            Spread(v, ValueBins, sw, (vi, vw) =>
            {
                _bins[Index(hueA, si, vi)] += vw * (1 - hFrac);
                _bins[Index(hueB, si, vi)] += vw * hFrac;
            }));
    }

    private static int Index(int hue, int saturation, int value) => (((hue * SaturationBins) + saturation) * ValueBins) + value;

    /// <summary>Splits <paramref name="weight"/> between the two bins (of <paramref name="bins"/> over 0..1) nearest <paramref name="x"/>.</summary>
    private static void Spread(double x, int bins, double weight, Action<int, double> add)
    {
        var pos = Math.Clamp((x * bins) - 0.5, 0, bins - 1);
        var lo = (int)Math.Floor(pos);
        var frac = pos - lo;
        add(lo, weight * (1 - frac));
        if (frac > 0 && lo + 1 < bins)
        {
            add(lo + 1, weight * frac);
        }
    }

    /// <summary>0 when x ≥ <paramref name="start"/>, 1 when x ≤ <paramref name="end"/>, linear between (start &gt; end).</summary>
    private static double Ramp(double x, double start, double end) =>
        x >= start ? 0 : x <= end ? 1 : (start - x) / (start - end);

    private static double Hue(double r, double g, double b, double max, double min)
    {
        var d = max - min;
        if (d <= 0)
        {
            return 0;
        }
        double h;
        if (max == r)
        {
            h = (g - b) / d % 6;
        }
        else if (max == g)
        {
            h = ((b - r) / d) + 2;
        }
        else
        {
            h = ((r - g) / d) + 4;
        }
        h *= 60;
        return h < 0 ? h + 360 : h;
    }
}
