using System.Globalization;

namespace AiVideo.Core.Domain;

/// <summary>An output frame size. Both sides even (yuv420p), within sane bounds.</summary>
public readonly record struct VideoSize(int Width, int Height)
{
    public const int MinSide = 64;
    public const int MaxSide = 4096;

    public static VideoSize Vertical1080 { get; } = new(1080, 1920);

    public override string ToString() => $"{Width}x{Height}";

    /// <summary>
    /// The size intermediate shots are rendered at for this output: half of each side (even), but never under
    /// <paramref name="minWidth"/> wide nor above the output itself. The assembler scales shots to the output size,
    /// so soft procedural scenes lose nothing visible while rendering costs a quarter of the pixels.
    /// </summary>
    public VideoSize ShotSize(int minWidth = 540)
    {
        if (Width <= minWidth) return this;
        var w = Math.Max(minWidth, Width / 2) & ~1;
        var h = (int)Math.Round(Height * (double)w / Width / 2) * 2;
        return new VideoSize(w, Math.Max(MinSide, h));
    }

    /// <summary>Parses "WIDTHxHEIGHT"; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static VideoSize Parse(string text)
    {
        var parts = (text ?? "").Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            throw new ArgumentException($"size '{text}' is not WIDTHxHEIGHT, e.g. 1080x1920");
        }
        return Create(w, h);
    }

    public static VideoSize Create(int width, int height)
    {
        if (width < MinSide || height < MinSide || width > MaxSide || height > MaxSide)
        {
            throw new ArgumentException($"size {width}x{height} is out of range: each side must be {MinSide}..{MaxSide} pixels");
        }
        if (width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentException($"size {width}x{height} must have even sides (yuv420p)");
        }
        return new VideoSize(width, height);
    }
}
