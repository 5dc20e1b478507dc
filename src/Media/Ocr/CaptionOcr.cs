using System.Globalization;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Ocr;

/// <summary>
/// Reads burned captions back from the video with tesseract: one frame at each cue's midpoint, cropped to the
/// caption band (where the ASS style puts it), turned to black text on white (captions are white or amber with a
/// dark outline), upscaled 2×, then one tesseract process over the whole list. Full frames read ~16% of the words;
/// this reads nearly all of them, brand names included.
/// </summary>
public sealed class CaptionOcr(ProcessRunner runner)
{
    /// <summary>Captions of smaller videos are too small to read reliably.</summary>
    public const int MinReadableHeight = 480;

    /// <summary>Band of the frame holding the captions (fractions of the height): bottom-centre, 28% margin.</summary>
    public const double BandTop = 0.56, BandHeight = 0.19;

    /// <summary>
    /// Caption pixels by colour, not brightness (procedural scenes can be bright): a pixel is caption text when it is
    /// white or the amber highlight (lookup tables per channel, then all three must agree); text becomes black on white.
    /// </summary>
    private const string TextKey =
        "lutrgb=r='if(gt(val\\,200)\\,255\\,0)':g='if(gt(val\\,190)\\,255\\,0)':b='if(gt(val\\,200)+lt(val\\,90)\\,255\\,0)',format=gray,lutyuv=y='if(gt(val\\,240)\\,0\\,255)'";

    /// <summary>Reads the caption text shown at each midpoint (one ffmpeg decode pass, one tesseract process).</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(string videoPath, IReadOnlyList<double> midpointsSec, double fps, string scratchDirectory, CancellationToken cancellationToken)
    {
        if (midpointsSec.Count == 0) return [];
        Directory.CreateDirectory(scratchDirectory);
        var frames = midpointsSec.Select(t => (long)Math.Round(t * fps)).ToList();
        var select = string.Join('+', frames.Distinct().Select(n => string.Create(CultureInfo.InvariantCulture, $"eq(n\\,{n})")));
        var filter = string.Create(CultureInfo.InvariantCulture,
            $"select='{select}',crop=iw:ih*{BandHeight}:0:ih*{BandTop},scale=iw*2:-1:flags=bicubic,{TextKey}");
        var pattern = Path.Combine(scratchDirectory, "frame%05d.png");
        var result = await runner.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", videoPath, "-vf", filter, "-fps_mode", "passthrough", pattern], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw new InvalidDataException($"could not grab the caption frames: {result.StandardError.Trim()}");
        var grabbed = Directory.GetFiles(scratchDirectory, "frame*.png").Order(StringComparer.Ordinal).ToList();
        var distinct = frames.Distinct().Order().ToList();
        if (grabbed.Count != distinct.Count) throw new InvalidDataException($"grabbed {grabbed.Count} of {distinct.Count} caption frames");

        var list = Path.Combine(scratchDirectory, "images.txt");
        await File.WriteAllLinesAsync(list, grabbed, cancellationToken).ConfigureAwait(false);
        var ocr = await runner.RunAsync("tesseract", [list, "stdout", "--psm", "6", "-l", "eng"], cancellationToken).ConfigureAwait(false);
        if (ocr.ExitCode != 0) throw new InvalidDataException($"tesseract failed: {ocr.StandardError.Trim()}");
        // tesseract separates the pages of a list with form feeds.
        var pages = ocr.StandardOutput.Split('\f');
        var byFrame = distinct.Select((n, i) => (n, Text: i < pages.Length ? Clean(pages[i]) : "")).ToDictionary(x => x.n, x => x.Text);
        return frames.Select(n => byFrame[n]).ToList();
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
