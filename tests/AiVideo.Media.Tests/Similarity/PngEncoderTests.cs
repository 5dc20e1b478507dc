using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Similarity;

public sealed class PngEncoderTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-png-tests");

    [Fact]
    public async Task Encode_FrameDecodedByFfmpeg_GivesBackTheSamePixels()
    {
        var runner = new ProcessRunner();
        var pixels = new byte[5 * 3 * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 17 % 256);
        var png = _dir.Combine("frame.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(new ImageFrame(5, 3, pixels)));

        var decoded = await new FrameSampler(runner, new MediaProbe(runner)).SampleAsync(png, [null], 5, 3, CancellationToken.None);

        Assert.Equal(pixels, decoded[0].Rgb24);
    }

    public void Dispose() => _dir.Dispose();
}
