using System.Globalization;
using System.Text;
using AiVideo.Core.Domain;

namespace AiVideo.Media.Render;

/// <summary>
/// Turns a <see cref="ShotPlan"/> into an ffmpeg filtergraph built only from cheap lavfi sources:
/// the <c>gradients</c> background is generated at a quarter of the output size (it is the slow part at full
/// size) with the hue drift and vignette, then scaled up; each shape is one sprite drawn once by <c>geq</c>,
/// looped, and overlaid at full resolution along its path (so edges stay crisp and motion smooth);
/// bands are <c>drawbox</c> with time expressions.
/// </summary>
public static class SceneFilterGraph
{
    public const string OutputLabel = "scene";

    /// <param name="still">True for a single RGB frame (the style reference), false for a yuv420p clip.</param>
    /// <param name="overlay">The shot's key phrase, set large over the scene (<see cref="KineticText"/>); null or empty: none.</param>
    /// <param name="fontFile">The font of the key phrase; null: <see cref="KineticText.DefaultFontFile"/>.</param>
    public static string Build(ShotPlan plan, VideoSize size, int fps, double durationSec, bool still, string? overlay = null, string? fontFile = null)
    {
        var (w, h) = (size.Width, size.Height);
        var canvasW = Even(Math.Min(w, Math.Max(180, w / 4)));
        var canvasH = Even(Math.Max(2, Math.Round((double)canvasW * h / w)));
        var sourceDuration = F(Math.Max(1, durationSec + 1));
        var minSide = Math.Min(w, h);
        var style = plan.Style;
        var graph = new StringBuilder();

        // Background: the channel's four colours along the channel's gradient line (start angle jittered per shot),
        // turning slowly. gradients rotates its line by speed×frame-index radians, so the speed depends on fps.
        var angle = plan.GradientAngle * Math.PI / 180;
        var (cx, cy) = (canvasW / 2.0, canvasH / 2.0);
        var reach = 0.5 * Math.Min(canvasW, canvasH);
        var speed = Math.Max(1e-5, Math.Abs(plan.GradientDegreesPerSecond) * Math.PI / 180 / fps);
        var (x0, y0) = (Math.Clamp(cx - (reach * Math.Cos(angle)), 0, canvasW), Math.Clamp(cy - (reach * Math.Sin(angle)), 0, canvasH));
        var (x1, y1) = (Math.Clamp(cx + (reach * Math.Cos(angle)), 0, canvasW), Math.Clamp(cy + (reach * Math.Sin(angle)), 0, canvasH));
        var colors = style.Background;
        graph.Append(CultureInfo.InvariantCulture,
            $"gradients=s={canvasW}x{canvasH}:r={fps}:d={sourceDuration}:n=4:type={style.GradientType}:speed={speed.ToString("0.########", CultureInfo.InvariantCulture)}");
        graph.Append(CultureInfo.InvariantCulture, $":x0={(int)x0}:y0={(int)y0}:x1={(int)x1}:y1={(int)y1}");
        for (var i = 0; i < 4; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $":c{i}={colors[i].ToFfmpeg()}");
        }
        graph.Append(CultureInfo.InvariantCulture,
            $",hue=h='{F(plan.HueDriftDegrees)}*sin(2*PI*{F(plan.HueDriftFrequency)}*t)',vignette=a={F(style.VignetteAngle)},scale={w}:{h}:flags=bicubic,format=yuv420p[bg];");

        // Sprites: drawn once, repeated for every frame.
        for (var i = 0; i < plan.Shapes.Count; i++)
        {
            var shape = plan.Shapes[i];
            var side = Math.Max(8, Even(shape.Size * minSide));
            graph.Append(CultureInfo.InvariantCulture,
                $"color=c={style.Accents[shape.AccentIndex].ToFfmpeg()}:s={side}x{side}:r=1:d=1,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='{Alpha(shape)}',loop=loop=-1:size=1,setpts=N/({fps}*TB)[s{i}];");
        }

        var current = "bg";
        for (var i = 0; i < plan.Shapes.Count; i++)
        {
            var s = plan.Shapes[i];
            var next = $"o{i}";
            graph.Append(CultureInfo.InvariantCulture,
                $"[{current}][s{i}]overlay=x='main_w*({F(s.CenterX)}+{F(s.AmplitudeX)}*sin(2*PI*{F(s.FrequencyX)}*t+{F(s.PhaseX)}))-overlay_w/2'" +
                $":y='main_h*({F(s.CenterY)}+{F(s.AmplitudeY)}*cos(2*PI*{F(s.FrequencyY)}*t+{F(s.PhaseY)}))-overlay_h/2':shortest=0:eof_action=repeat[{next}];");
            current = next;
        }

        graph.Append(CultureInfo.InvariantCulture, $"[{current}]");
        foreach (var band in plan.Bands)
        {
            var color = $"{style.Accents[band.AccentIndex].ToFfmpeg()}@{F(band.Opacity)}";
            var sweep = $"({F(band.Position)}+{F(band.Amplitude)}*sin(2*PI*{F(band.Frequency)}*t+{F(band.Phase)}))";
            graph.Append(band.Vertical
                ? $"drawbox=x='iw*{sweep}':y=0:w='max(2,iw*{F(band.Thickness)})':h=ih:color={color}:t=fill,"
                : $"drawbox=x=0:y='ih*{sweep}':w=iw:h='max(2,ih*{F(band.Thickness)})':color={color}:t=fill,");
        }
        var kinetic = still ? "" : KineticText.Filters(overlay, style, size, durationSec, fontFile);
        if (kinetic.Length > 0) graph.Append(kinetic).Append(',');
        graph.Append(still ? "format=rgb24" : "format=yuv420p");
        graph.Append(",setsar=1[").Append(OutputLabel).Append(']');
        return graph.ToString();
    }

    /// <summary>geq alpha expression for a sprite of side W (=H): d is the distance from the centre.</summary>
    private static string Alpha(ShapePlan shape)
    {
        const string d = "hypot(X-W/2,Y-H/2)";
        var o = F(255 * shape.Opacity);
        return shape.Kind switch
        {
            ShapeKind.Orb => $"{o}*pow(max(0,1-{d}/(W/2)),1.6)",
            ShapeKind.Disc => $"{o}*clip(W*0.48-{d},0,1)",
            ShapeKind.Ring => $"{o}*clip(1.5-abs({d}-W*0.40)/max(1.5,W*0.035),0,1)",
            _ => $"{o}*clip(W*0.46-(abs(X-W/2)+abs(Y-H/2)),0,1)",
        };
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
