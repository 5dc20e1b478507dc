using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Render;

namespace AiVideo.Media.Tests.Render;

[Collection(RenderCollection.Name)]
public sealed class KineticTextTests(RenderFixture fixture)
{
    private static readonly VideoSize Portrait = new(360, 640);

    [Fact]
    public async Task RenderAsync_WithAKeyPhrase_DrawsItReadablyInTheUpperBand()
    {
        var path = fixture.Directory.Combine("kinetic-ocr.mp4");
        await fixture.Renderer.RenderAsync(new ShotRenderRequest("the moon drifting away", 4242, Portrait, 1.5, 24, path, Overlay: "FOUR CENTIMETRES"), null, CancellationToken.None);

        var text = await ReadBandAsync(path, 4242, 1.0);

        Assert.Contains("FOUR", text, StringComparison.Ordinal);
        Assert.Contains("CENTIMETRES", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_WithAKeyPhrase_LeavesTheCaptionBandUntouched()
    {
        var plain = fixture.Directory.Combine("kinetic-plain.mp4");
        var overlaid = fixture.Directory.Combine("kinetic-overlaid.mp4");
        var request = new ShotRenderRequest("tides and the ocean", 7, Portrait, 1, 24, plain);
        await fixture.Renderer.RenderAsync(request, null, CancellationToken.None);
        await fixture.Renderer.RenderAsync(request with { OutputPath = overlaid, Overlay = "TWO MILLISECONDS" }, null, CancellationToken.None);

        // From just above the captions' band (56% of the height) to the bottom, the frames differ only by encoder
        // noise (the clips are lossy H.264); in the phrase's band they differ by the phrase.
        var below = MeanAbsoluteDifference(await BandPixelsAsync(plain, 0.8, 0.5, 1.0), await BandPixelsAsync(overlaid, 0.8, 0.5, 1.0));
        var band = MeanAbsoluteDifference(await BandPixelsAsync(plain, 0.8, KineticText.BandTop, KineticText.BandBottom),
            await BandPixelsAsync(overlaid, 0.8, KineticText.BandTop, KineticText.BandBottom));
        Assert.True(below < 1.5, $"the lower half changed by {below:0.00} grey levels on average");
        Assert.True(band > 8 * Math.Max(below, 0.5), $"the phrase's band changed by only {band:0.00} grey levels (lower half {below:0.00})");
    }

    [Fact]
    public async Task RenderAsync_WithAKeyPhrase_FadesItIn()
    {
        var path = fixture.Directory.Combine("kinetic-fade.mp4");
        var plain = fixture.Directory.Combine("kinetic-fade-plain.mp4");
        var request = new ShotRenderRequest("a rocket at dawn", 3, Portrait, 1.5, 24, plain);
        await fixture.Renderer.RenderAsync(request, null, CancellationToken.None);
        await fixture.Renderer.RenderAsync(request with { OutputPath = path, Overlay = "LIFTOFF" }, null, CancellationToken.None);

        // The first frame is drawn before the phrase starts to appear (encoder noise only); a second in, it is fully there.
        var first = MeanAbsoluteDifference(await BandPixelsAsync(plain, 0, KineticText.BandTop, KineticText.BandBottom),
            await BandPixelsAsync(path, 0, KineticText.BandTop, KineticText.BandBottom));
        Assert.True(first < 1.5, $"the phrase's band of the first frame changed by {first:0.00} grey levels");
        Assert.Contains("LIFTOFF", await ReadBandAsync(path, 3, 1.0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FOUR CENTIMETRES", 2)]
    [InlineData("APOLLO", 1)]
    [InlineData("BILLIONS OF YEARS", 2)]
    public void Lines_LongPhrasesBreakIntoTwoBalancedLines(string phrase, int lines) =>
        Assert.Equal(lines, KineticText.Lines(phrase).Count);

    [Theory]
    [InlineData(1080, 1920)]
    [InlineData(360, 640)]
    [InlineData(240, 426)]
    public void FontSize_LongestPossibleLineFitsTheWidth(int width, int height)
    {
        var lines = KineticText.Lines(new string('W', KineticText.MaxLength));
        var size = KineticText.FontSize(lines, new VideoSize(width, height));

        // DejaVu Sans Bold's widest capital (W) is about 1.03 em; a line of them must stay inside the frame.
        Assert.True(lines.Max(l => l.Length) * size * 0.76 <= 0.86 * width + 1, $"font {size}px is too large for {width}px");
        Assert.True(size <= 0.09 * height);
    }

    [Fact]
    public void Sanitize_DropsWhatAFiltergraphCouldMisread() =>
        Assert.Equal("4 CM A YEAR, 100%", KineticText.Sanitize("4 cm: a 'year', [100%]; {x}".Replace("{x}", "", StringComparison.Ordinal)));

    /// <summary>OCR of the phrase's band: pixels of the phrase's fill colour become black text on white.</summary>
    private async Task<string> ReadBandAsync(string video, int seed, double atSec)
    {
        var png = fixture.Directory.Combine($"band-{Guid.NewGuid():N}.png");
        var fill = KineticText.TextColour(ChannelStyle.FromSeed(seed)).ToFfmpeg();
        var (top, bottom) = (KineticText.BandTop, KineticText.BandBottom);
        var filter = FormattableString.Invariant(
            $"crop=iw:ih*{bottom - top}:0:ih*{top},scale=iw*2:-1:flags=bicubic,format=rgba,colorkey=color={fill}:similarity=0.07:blend=0,alphaextract");
        var grab = await fixture.Runner.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", FormattableString.Invariant($"{atSec}"), "-i", video, "-frames:v", "1", "-vf", filter, png], CancellationToken.None);
        Assert.Equal(0, grab.ExitCode);
        var ocr = await fixture.Runner.RunAsync("tesseract", [png, "stdout", "--psm", "6", "-l", "eng"], CancellationToken.None);
        Assert.Equal(0, ocr.ExitCode);
        return ocr.StandardOutput;
    }

    private async Task<byte[]> BandPixelsAsync(string video, double atSec, double top, double bottom)
    {
        var raw = fixture.Directory.Combine($"px-{Guid.NewGuid():N}.gray");
        var crop = FormattableString.Invariant($"crop=iw:trunc(ih*{bottom - top}/2)*2:0:trunc(ih*{top}/2)*2,format=gray");
        var grab = await fixture.Runner.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", FormattableString.Invariant($"{atSec}"), "-i", video, "-frames:v", "1", "-vf", crop, "-f", "rawvideo", raw], CancellationToken.None);
        Assert.Equal(0, grab.ExitCode);
        return await File.ReadAllBytesAsync(raw);
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}
