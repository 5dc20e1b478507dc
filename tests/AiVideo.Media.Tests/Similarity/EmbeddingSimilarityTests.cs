using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Similarity;

public sealed class EmbeddingSimilarityTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-embedding-tests");
    private readonly ProcessRunner _runner = new();

    /// <summary>A stand-in model: each picture's mean colour, centred on mid-grey.</summary>
    private sealed class MeanColourEmbedder : IImageEmbedder
    {
        public List<(int Width, int Height)> Seen { get; } = [];

        public string Name => "mean-colour";

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ImageFrame> images, CancellationToken cancellationToken)
        {
            Seen.AddRange(images.Select(i => (i.Width, i.Height)));
            return Task.FromResult<IReadOnlyList<float[]>>(images.Select(i =>
            {
                var sum = new double[3];
                for (var p = 0; p < i.Rgb24.Length; p++) sum[p % 3] += i.Rgb24[p];
                return sum.Select(s => (float)((s / (i.Rgb24.Length / 3) - 128) / 128)).ToArray();
            }).ToList());
        }
    }

    private async Task<string> MakeAsync(string name, string source, bool still = false)
    {
        var path = _dir.Combine(name);
        string[] output = still ? ["-frames:v", "1"] : ["-t", "2", "-r", "24", "-c:v", "libx264", "-pix_fmt", "yuv420p"];
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, .. output, path], CancellationToken.None);
        return path;
    }

    [Fact]
    public async Task Compare_SameLookVsOtherLook_ScoresHighVsLow_AndSamplesAtTheClipsAspect()
    {
        var embedder = new MeanColourEmbedder();
        var similarity = new EmbeddingSimilarity(new FrameSampler(_runner, new MediaProbe(_runner)), embedder);
        var reference = await MakeAsync("ref.png", "color=c=0xd04020:s=90x160", still: true);
        var same = await MakeAsync("same.mp4", "color=c=0xc84424:s=90x160,noise=alls=12:allf=t");
        var other = await MakeAsync("other.mp4", "color=c=0x2050d0:s=90x160,noise=alls=12:allf=t");

        var close = await similarity.CompareAsync(same, reference, 0, CancellationToken.None);
        var far = await similarity.CompareAsync(other, reference, 0, CancellationToken.None);

        Assert.True(close.Similarity > 0.9, $"same look {close.Similarity}");
        Assert.True(far.Similarity < 0.3, $"other look {far.Similarity}");
        Assert.Equal("image-embedding:mean-colour", close.Method);
        Assert.Equal(3, close.FramesCompared);
        Assert.False(close.Frozen);
        Assert.Contains((256, 456), embedder.Seen);
    }

    [Theory]
    [InlineData(0.9, 0, 0.9)]
    [InlineData(-0.4, 0, 0)]
    [InlineData(0.5, 0.5, 0)]
    [InlineData(0.75, 0.5, 0.5)]
    [InlineData(1, 0.5, 1)]
    public void ToScore_MapsCosineAboveTheBaselineOntoZeroToOne(double cosine, double baseline, double expected) =>
        Assert.Equal(expected, EmbeddingSimilarity.ToScore(cosine, baseline), 6);

    public void Dispose() => _dir.Dispose();
}
