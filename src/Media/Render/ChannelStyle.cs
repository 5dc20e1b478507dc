using System.Globalization;

namespace AiVideo.Media.Render;

/// <summary>An sRGB colour, written for ffmpeg as 0xRRGGBB.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public string ToFfmpeg() => $"0x{R:X2}{G:X2}{B:X2}";

    public override string ToString() => ToFfmpeg();

    /// <param name="hue">Degrees (any value, wrapped).</param>
    /// <param name="saturation">0..1.</param>
    /// <param name="value">0..1.</param>
    public static RgbColor FromHsv(double hue, double saturation, double value)
    {
        hue = ((hue % 360) + 360) % 360;
        saturation = Math.Clamp(saturation, 0, 1);
        value = Math.Clamp(value, 0, 1);
        var c = value * saturation;
        var x = c * (1 - Math.Abs((hue / 60 % 2) - 1));
        var m = value - c;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return new((byte)Math.Round((r + m) * 255), (byte)Math.Round((g + m) * 255), (byte)Math.Round((b + m) * 255));
    }
}

/// <summary>How the accent hues relate to the channel's base hue.</summary>
public enum PaletteScheme
{
    Analogous,
    Complementary,
    Triadic,
    SplitComplementary,
}

/// <summary>The overall lightness/saturation character of a channel.</summary>
public enum PaletteMood
{
    Deep,
    Vivid,
    Pastel,
}

/// <summary>
/// The locked look of a channel, derived from its render seed only: the palette (background and accent
/// colours), the background gradient style and the vignette. Every shot of the channel uses it, whatever the
/// prompt, so shots differ in composition and motion but are recognisably the same channel.
/// </summary>
/// <remarks>
/// The base hue walks the colour wheel by the golden angle per seed (seed 1, 2, 3 … are far apart in hue);
/// the rest comes from a hash of the seed. Backgrounds never go near black, so a black frame never looks
/// like any channel.
/// </remarks>
public sealed record ChannelStyle(
    int Seed,
    double BaseHue,
    PaletteScheme Scheme,
    PaletteMood Mood,
    IReadOnlyList<RgbColor> Background,
    IReadOnlyList<RgbColor> Accents,
    int GradientType,
    double GradientAngle,
    double VignetteAngle)
{
    /// <summary>Bump when the look derivation changes, so cached clips and references are not reused.</summary>
    public const int Version = 1;

    private const double GoldenAngle = 137.50776405;

    public string StyleId => $"procedural-v{Version}-{Mood.ToString().ToLowerInvariant()}-{Scheme.ToString().ToLowerInvariant()}-h{(int)Math.Round(BaseHue):000}-g{GradientType}";

    public static ChannelStyle FromSeed(int seed)
    {
        var random = new StableRandom("aivideo-channel-style", Version, seed);
        var hue = ((((long)seed * GoldenAngle) % 360) + 360 + random.Range(-8, 8)) % 360;
        var scheme = (PaletteScheme)random.Next(0, 4);
        var mood = (PaletteMood)random.Next(0, 3);

        double[] accentHues = scheme switch
        {
            PaletteScheme.Analogous => [hue + 35, hue - 35, hue + 70],
            PaletteScheme.Complementary => [hue + 180, hue + 165, hue + 15],
            PaletteScheme.Triadic => [hue + 120, hue + 240, hue + 20],
            _ => [hue + 150, hue + 210, hue + 25],
        };

        // Background: the base hue in four steps of lightness (one leaning a little towards the first accent),
        // kept well away from black and from pure grey so histograms stay distinctive.
        var (sat, vLow, vHigh) = mood switch
        {
            PaletteMood.Deep => (random.Range(0.60, 0.80), 0.30, 0.62),
            PaletteMood.Vivid => (random.Range(0.70, 0.90), 0.55, 0.85),
            _ => (random.Range(0.30, 0.45), 0.78, 0.96),
        };
        var background = new List<RgbColor>
        {
            RgbColor.FromHsv(hue, sat, vLow),
            RgbColor.FromHsv(hue + 12, sat * 0.9, (vLow * 0.6) + (vHigh * 0.4)),
            RgbColor.FromHsv(hue - 10, sat * 0.85, (vLow * 0.3) + (vHigh * 0.7)),
            RgbColor.FromHsv((hue * 0.75) + (Wrap(accentHues[0], hue) * 0.25), sat * 0.8, vHigh),
        };

        var (accentSat, accentValue) = mood switch
        {
            PaletteMood.Deep => (0.75, 0.95),
            PaletteMood.Vivid => (0.85, 1.0),
            _ => (0.55, 0.90),
        };
        var accents = accentHues.Select(h => RgbColor.FromHsv(h, accentSat, accentValue)).ToList();

        return new ChannelStyle(
            seed,
            Math.Round(hue, 3),
            scheme,
            mood,
            background,
            accents,
            GradientType: random.Next(0, 4),
            GradientAngle: Math.Round(random.Range(0, 360), 2),
            VignetteAngle: Math.Round(random.Range(Math.PI / 9, Math.PI / 6), 4));
    }

    /// <summary>The accent hue expressed on the same side of the wheel as <paramref name="reference"/> (for blending).</summary>
    private static double Wrap(double hue, double reference)
    {
        var d = ((hue - reference) % 360 + 540) % 360 - 180;
        return reference + d;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StyleId} bg[{string.Join(',', Background)}] accents[{string.Join(',', Accents)}]");
}
