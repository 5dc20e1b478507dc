namespace AiVideo.Media.Render;

public enum ShapeKind
{
    /// <summary>A soft glowing circle.</summary>
    Orb,

    /// <summary>A crisp filled circle.</summary>
    Disc,

    /// <summary>A crisp circle outline.</summary>
    Ring,

    /// <summary>A crisp square turned 45°.</summary>
    Diamond,
}

/// <summary>One moving sprite. Positions and sizes are fractions of the frame; motion is a slow Lissajous path.</summary>
public sealed record ShapePlan(
    ShapeKind Kind,
    int AccentIndex,
    double Size,
    double CenterX,
    double CenterY,
    double AmplitudeX,
    double AmplitudeY,
    double FrequencyX,
    double FrequencyY,
    double PhaseX,
    double PhaseY,
    double Opacity);

/// <summary>A translucent band sweeping slowly across the frame.</summary>
public sealed record BandPlan(
    bool Vertical,
    int AccentIndex,
    double Position,
    double Thickness,
    double Amplitude,
    double Frequency,
    double Phase,
    double Opacity);

/// <summary>
/// The composition of one shot: where the channel's background gradient starts and how it turns, which shapes
/// move along which paths. Structure (shape count, kinds, sizes, colours, paths) comes from hash(seed, prompt);
/// the attempt number only shifts the motion phases and speeds slightly, so a re-render is a fresh take on the
/// same shot in the same channel palette.
/// </summary>
public sealed record ShotPlan(
    ChannelStyle Style,
    double GradientAngle,
    double GradientDegreesPerSecond,
    double HueDriftDegrees,
    double HueDriftFrequency,
    IReadOnlyList<ShapePlan> Shapes,
    IReadOnlyList<BandPlan> Bands)
{
    /// <summary>The prompt used for the channel's style reference still.</summary>
    public const string ReferencePrompt = "\u0000channel-style-reference";

    public static ShotPlan Create(ChannelStyle style, string prompt, int attempt)
    {
        var normalized = string.Join(' ', (prompt ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var layout = new StableRandom("aivideo-shot-layout", ChannelStyle.Version, style.Seed, normalized);
        var motion = new StableRandom("aivideo-shot-motion", ChannelStyle.Version, style.Seed, normalized, attempt);

        var shapeCount = layout.Next(3, 6);
        var firstAccent = layout.Next(0, style.Accents.Count);
        var kinds = Enum.GetValues<ShapeKind>();
        var shapes = new List<ShapePlan>(shapeCount);
        for (var i = 0; i < shapeCount; i++)
        {
            // The first shape of every shot is a large soft orb: it carries the channel's glow.
            var kind = i == 0 ? ShapeKind.Orb : kinds[layout.Next(0, kinds.Length)];
            var size = i == 0 ? layout.Range(0.45, 0.70) : kind == ShapeKind.Orb ? layout.Range(0.25, 0.50) : layout.Range(0.10, 0.30);
            shapes.Add(new ShapePlan(
                kind,
                (firstAccent + i) % style.Accents.Count,
                Math.Round(size, 4),
                Math.Round(layout.Range(0.20, 0.80), 4),
                Math.Round(layout.Range(0.15, 0.85), 4),
                Math.Round(layout.Range(0.04, 0.22) * motion.Range(0.85, 1.15), 4),
                Math.Round(layout.Range(0.04, 0.18) * motion.Range(0.85, 1.15), 4),
                Math.Round(layout.Range(0.04, 0.16) * motion.Range(0.9, 1.1), 4),
                Math.Round(layout.Range(0.03, 0.14) * motion.Range(0.9, 1.1), 4),
                Math.Round(motion.Range(0, 2 * Math.PI), 4),
                Math.Round(motion.Range(0, 2 * Math.PI), 4),
                Math.Round(kind == ShapeKind.Orb ? layout.Range(0.70, 0.95) : layout.Range(0.55, 0.85), 4)));
        }

        var bandCount = layout.Next(0, 3);
        var bands = new List<BandPlan>(bandCount);
        for (var i = 0; i < bandCount; i++)
        {
            bands.Add(new BandPlan(
                layout.Chance(0.35),
                layout.Next(0, style.Accents.Count),
                Math.Round(layout.Range(0.15, 0.85), 4),
                Math.Round(layout.Range(0.008, 0.03), 4),
                Math.Round(layout.Range(0.02, 0.10), 4),
                Math.Round(layout.Range(0.05, 0.15) * motion.Range(0.9, 1.1), 4),
                Math.Round(motion.Range(0, 2 * Math.PI), 4),
                Math.Round(layout.Range(0.20, 0.40), 4)));
        }

        return new ShotPlan(
            style,
            Math.Round(style.GradientAngle + layout.Range(-25, 25) + motion.Range(-5, 5), 2),
            Math.Round(layout.Range(2, 6) * motion.Range(0.9, 1.1), 3),
            Math.Round(layout.Range(2, 6), 3),
            Math.Round(motion.Range(0.05, 0.15), 4),
            shapes,
            bands);
    }
}
