using System.Globalization;
using System.Text;
using AiVideo.Core.Domain;

namespace AiVideo.Media.Render;

/// <summary>
/// Kinetic typography for the procedural source: a shot's key phrase set large in the channel's palette, each line
/// sliding up and fading in one after the other, and fading out at the end of the shot. It sits in the upper part
/// of the frame (<see cref="BandTop"/>..<see cref="BandBottom"/>), clear of the platforms' top bar and of the burned
/// captions (which start below 56% of the height: see <c>AssCaptionWriter</c> and <c>CaptionOcr.BandTop</c>).
/// The text is a lifted accent colour (<see cref="TextColour"/>) with a dark outline from the channel's background.
/// </summary>
public static class KineticText
{
    /// <summary>Fractions of the frame height the phrase may occupy.</summary>
    public const double BandTop = 0.14, BandBottom = 0.44;

    /// <summary>The longest phrase drawn (characters); longer ones are cut at a word.</summary>
    public const int MaxLength = 28;

    /// <summary>The font used unless the channel names another (resolved to a file by fontconfig).</summary>
    public const string DefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>Seconds before the first line starts to appear, between lines, and of each fade.</summary>
    private const double Lead = 0.12, Stagger = 0.22, FadeIn = 0.35, FadeOut = 0.25;

    /// <summary>Average advance of an upper-case DejaVu Sans Bold glyph, in em (measured on A–Z, 0–9: 0.70–0.78).</summary>
    private const double GlyphEm = 0.76;

    /// <summary>Only these characters are drawn (the phrase goes into a filtergraph).</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var kept = new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or '%' or '-').ToArray());
        var words = kept.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        foreach (var word in words)
        {
            if (sb.Length > 0 && sb.Length + 1 + word.Length > MaxLength) break;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(word.Length > MaxLength ? word[..MaxLength] : word);
        }
        return sb.ToString().ToUpperInvariant();
    }

    /// <summary>Breaks the phrase into at most two lines of similar length.</summary>
    public static IReadOnlyList<string> Lines(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 1 || phrase.Length <= 11) return [phrase];
        var best = 1;
        var bestWidth = int.MaxValue;
        for (var split = 1; split < words.Length; split++)
        {
            var width = Math.Max(string.Join(' ', words[..split]).Length, string.Join(' ', words[split..]).Length);
            if (width < bestWidth) (best, bestWidth) = (split, width);
        }
        return [string.Join(' ', words[..best]), string.Join(' ', words[best..])];
    }

    /// <summary>Font size in pixels: as large as fits 86% of the width and the band, at most 9% of the height.</summary>
    public static int FontSize(IReadOnlyList<string> lines, VideoSize size)
    {
        var longest = Math.Max(1, lines.Max(l => l.Length));
        var byWidth = 0.86 * size.Width / (longest * GlyphEm);
        var byHeight = (BandBottom - BandTop) * size.Height / (lines.Count * 1.25);
        return Math.Max(8, (int)Math.Floor(Math.Min(Math.Min(byWidth, byHeight), 0.09 * size.Height)));
    }

    /// <summary>
    /// The drawtext filters (comma-separated, no leading or trailing comma) that draw <paramref name="phrase"/> over a
    /// clip of <paramref name="durationSec"/>; empty when there is nothing to draw.
    /// </summary>
    /// <param name="fontFile">Absolute path of the font file; null: <see cref="DefaultFontFile"/>.</param>
    public static string Filters(string? phrase, ChannelStyle style, VideoSize size, double durationSec, string? fontFile = null)
    {
        var text = Sanitize(phrase);
        if (text.Length == 0) return "";
        var file = string.IsNullOrWhiteSpace(fontFile) ? DefaultFontFile : fontFile;
        if (file.Any(c => c is '\'' or ':' or '\\' or ',' or ';' or '[' or ']'))
        {
            throw new ArgumentException($"font file '{file}' has characters a filtergraph cannot carry");
        }
        var lines = Lines(text);
        var fontSize = FontSize(lines, size);
        var lineHeight = fontSize * 1.2;
        var blockTop = (BandTop * size.Height) + ((((BandBottom - BandTop) * size.Height) - (lines.Count * lineHeight)) / 2);
        var fill = TextColour(style);
        var outline = Darken(style.Background[0], 0.25);
        var border = Math.Max(1, (int)Math.Round(fontSize * 0.07));
        var end = F(Math.Max(0.1, durationSec));
        var slide = F(0.035 * size.Height);

        var filters = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var start = Lead + (i * Stagger);
            // appear: 0 -> 1 over FadeIn from this line's start; leave: 1 -> 0 over the last FadeOut of the clip.
            var appear = $"clip((t-{F(start)})/{F(FadeIn)},0,1)";
            var leave = $"clip(({end}-t)/{F(FadeOut)},0,1)";
            var y = F(blockTop + (i * lineHeight));
            filters.Add(string.Create(CultureInfo.InvariantCulture,
                $"drawtext=fontfile='{file}':text='{lines[i]}':expansion=none:fontsize={fontSize}:fontcolor={fill.ToFfmpeg()}" +
                $":borderw={border}:bordercolor={outline.ToFfmpeg()}:shadowx={border}:shadowy={border}:shadowcolor={outline.ToFfmpeg()}@0.6" +
                $":x=(w-text_w)/2:y='{y}+{slide}*pow(1-{appear},2)':alpha='min({appear},{leave})'"));
        }
        return string.Join(',', filters);
    }

    /// <summary>
    /// The phrase's fill: the channel's accent colour farthest from its background (an analogous accent can be
    /// nearly the background's colour), lifted a third of the way to white so it reads on light and dark scenes.
    /// </summary>
    public static RgbColor TextColour(ChannelStyle style)
    {
        var (r, g, b) = (style.Background.Average(c => c.R), style.Background.Average(c => c.G), style.Background.Average(c => c.B));
        var accent = style.Accents.OrderByDescending(c => Math.Pow(c.R - r, 2) + Math.Pow(c.G - g, 2) + Math.Pow(c.B - b, 2)).First();
        static byte Lift(byte v) => (byte)Math.Round(v + ((255 - v) / 3.0));
        return new RgbColor(Lift(accent.R), Lift(accent.G), Lift(accent.B));
    }

    private static RgbColor Darken(RgbColor c, double factor) =>
        new((byte)Math.Round(c.R * factor), (byte)Math.Round(c.G * factor), (byte)Math.Round(c.B * factor));

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
