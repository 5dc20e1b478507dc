using System.Globalization;

namespace AiVideo.Media.Render;

/// <summary>
/// Turns ffmpeg's <c>-progress pipe:2</c> key=value lines (and classic <c>frame= … time=…</c> status lines)
/// into a 0..1 fraction of the expected frame count. Reports only forward moves of at least 1%, and never 1
/// itself — the caller reports completion once the file is in place.
/// </summary>
public sealed class FfmpegProgress(int totalFrames, IProgress<double>? progress, double fps = 0)
{
    private readonly object _gate = new();
    private double _last;

    public double Fraction
    {
        get { lock (_gate) return _last; }
    }

    public void OnStderrLine(string line)
    {
        if (progress is null || totalFrames <= 0 || string.IsNullOrEmpty(line))
        {
            return;
        }
        double? fraction = null;
        if (line.StartsWith("frame=", StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(6).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var frame))
        {
            fraction = (double)frame / totalFrames;
        }
        else if (fps > 0 && line.StartsWith("out_time_us=", StringComparison.Ordinal)
            && long.TryParse(line.AsSpan(12).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us))
        {
            fraction = us / 1e6 * fps / totalFrames;
        }
        if (fraction is not { } f || double.IsNaN(f))
        {
            return;
        }
        f = Math.Clamp(f, 0, 0.99);
        lock (_gate)
        {
            if (f < _last + 0.01)
            {
                return;
            }
            _last = f;
        }
        progress.Report(f);
    }
}
