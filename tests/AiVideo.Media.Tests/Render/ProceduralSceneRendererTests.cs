using System.Security.Cryptography;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Render;

namespace AiVideo.Media.Tests.Render;

[Collection(RenderCollection.Name)]
public sealed class ProceduralSceneRendererTests(RenderFixture fixture)
{
    [Fact]
    public async Task RenderAsync_SameRequestTwice_GivesByteIdenticalClips()
    {
        var first = fixture.Directory.Combine("det-a.mp4");
        var second = fixture.Directory.Combine("det-b.mp4");
        var request = new ShotRenderRequest("a lighthouse in a storm", 5, RenderFixture.Tiny, 1, 24, first);

        await fixture.Renderer.RenderAsync(request, null, CancellationToken.None);
        await fixture.Renderer.RenderAsync(request with { OutputPath = second }, null, CancellationToken.None);

        Assert.Equal(Hash(first), Hash(second));
    }

    [Fact]
    public async Task RenderAsync_TinyShot_HasExactSizeFpsDurationAndCodec()
    {
        var path = fixture.Directory.Combine("format.mp4");
        var result = await fixture.Renderer.RenderAsync(
            new ShotRenderRequest("bees over a meadow", 2, RenderFixture.Tiny, 1.5, 24, path), null, CancellationToken.None);

        var info = await fixture.Probe.ProbeAsync(path, CancellationToken.None);
        Assert.Equal("h264", info.VideoCodec);
        Assert.Null(info.AudioCodec);
        Assert.Equal("yuv420p", info.PixelFormat);
        Assert.Equal((160, 284), (info.Width, info.Height));
        Assert.Equal(24, info.FrameRate, 3);
        Assert.InRange(info.DurationSec, 1.5 - (1.0 / 24), 1.5 + (1.0 / 24));
        Assert.True(info.FastStart);
        Assert.Equal(1.5, result.DurationSec, 6);
        Assert.Equal(2, result.SeedUsed);
        Assert.Equal(0m, result.CostUsd);
        Assert.Equal(ChannelStyle.FromSeed(2).StyleId, result.StyleId);
        Assert.Empty(Directory.GetFiles(fixture.Directory.Path, "*.partial"));
    }

    [Fact]
    public async Task RenderAsync_DifferentPrompts_GiveDifferentClips()
    {
        var a = await fixture.ClipAsync("a city skyline at night", 3);
        var b = await fixture.ClipAsync("ocean waves at dawn", 3);

        Assert.NotEqual(Hash(a), Hash(b));
    }

    [Fact]
    public async Task RenderAsync_NextAttempt_ChangesTheClipButKeepsThePalette()
    {
        var first = await fixture.ClipAsync("a city skyline at night", 3);
        var retry = await fixture.ClipAsync("a city skyline at night", 3, attempt: 2);
        var reference = await fixture.ReferenceAsync(3);

        var similarity = await fixture.Similarity.CompareAsync(retry, reference, CancellationToken.None);

        Assert.NotEqual(Hash(first), Hash(retry));
        Assert.True(similarity.Similarity >= new RenderSettings().DriftThreshold, $"similarity {similarity.Similarity}");
    }

    [Fact]
    public async Task RenderAsync_Cancelled_LeavesNoOutputOrPartialFile()
    {
        var dir = fixture.Directory.Combine("cancel");
        var path = Path.Combine(dir, "cancelled.mp4");
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p > 0) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Renderer.RenderAsync(
            new ShotRenderRequest("a slow sunrise", 1, new VideoSize(360, 640), 30, 30, path), progress, cts.Token));

        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task RenderAsync_ReportsProgressFromZeroToOne()
    {
        var values = new List<double>();
        var progress = new SyncProgress(p => { lock (values) values.Add(p); });

        await fixture.Renderer.RenderAsync(
            new ShotRenderRequest("rain on a window", 4, RenderFixture.Tiny, 2, 24, fixture.Directory.Combine("progress.mp4")), progress, CancellationToken.None);

        Assert.Equal(0, values[0]);
        Assert.Equal(1, values[^1]);
        Assert.Contains(values, v => v is > 0 and < 1);
        Assert.Equal(values.Order(), values);
    }

    [Fact]
    public async Task RenderReferenceAsync_SameSeed_GivesIdenticalPngOfTheRequestedSize()
    {
        var a = fixture.Directory.Combine("ref-a.png");
        var b = fixture.Directory.Combine("ref-b.png");

        await fixture.Renderer.RenderReferenceAsync(9, new VideoSize(180, 320), a, CancellationToken.None);
        await fixture.Renderer.RenderReferenceAsync(9, new VideoSize(180, 320), b, CancellationToken.None);

        var info = await fixture.Probe.ProbeAsync(a, CancellationToken.None);
        Assert.Equal("png", info.VideoCodec);
        Assert.Equal((180, 320), (info.Width, info.Height));
        Assert.Equal(Hash(a), Hash(b));
    }

    [Theory]
    [InlineData("", 1.0, 24)]
    [InlineData("ok prompt", 0.0, 24)]
    [InlineData("ok prompt", 9999.0, 24)]
    [InlineData("ok prompt", 1.0, 0)]
    public async Task RenderAsync_InvalidRequest_ThrowsInvalidInput(string prompt, double duration, int fps)
    {
        var path = fixture.Directory.Combine("invalid.mp4");
        await Assert.ThrowsAsync<InvalidInputException>(() => fixture.Renderer.RenderAsync(
            new ShotRenderRequest(prompt, 1, RenderFixture.Tiny, duration, fps, path), null, CancellationToken.None));
        Assert.False(File.Exists(path));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so order and timing would blur).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
