using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.McpServers.Render.Drift;
using AiVideo.Media.Processes;
using AiVideo.Media.Render;
using AiVideo.Media.Similarity;
using AiVideo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AiVideo.McpServers.Render.Tests.Drift;

/// <summary>
/// The drift measurement of cloud-generated shots as the render server wires it (AddDriftGate), against a fake
/// multimodal embedding API, on real tiny clips made with ffmpeg.
/// </summary>
public sealed class EmbeddingDriftTests(ITestOutputHelper output) : IDisposable
{
    private static readonly double Threshold = new RenderSettings().DriftThreshold;
    private readonly TempDirectory _dir = new("aivideo-drift-embedding");
    private readonly ProcessRunner _runner = new();

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddProceduralRender()
            .AddDriftGate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static Dictionary<string, string?> HttpSettings(FakeEmbeddingApi api) => new()
    {
        ["Drift:Embedding:Provider"] = "http",
        ["Drift:Embedding:Endpoint"] = api.Endpoint,
        ["Drift:Embedding:ApiKey"] = "sk-drift-test",
        ["Drift:Embedding:Model"] = "fake-clip",
    };

    private async Task<string> MakeAsync(string name, string source, bool still = false)
    {
        var path = _dir.Combine(name);
        string[] encode = still ? ["-frames:v", "1"] : ["-t", "3", "-r", "24", "-c:v", "libx264", "-pix_fmt", "yuv420p"];
        await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, .. encode, path], CancellationToken.None);
        return path;
    }

    [Fact]
    public async Task Auto_CloudShots_MatchingClipPassesTheThreshold_DriftedClipFailsIt()
    {
        using var api = new FakeEmbeddingApi();
        using var services = Services(HttpSettings(api));
        var drift = services.GetRequiredService<ShotDriftMeasurer>();
        var reference = await MakeAsync("reference.png", "testsrc2=s=90x160", still: true);
        var matching = await MakeAsync("matching.mp4", "testsrc2=s=90x160:r=24");
        var drifted = await MakeAsync("drifted.mp4", "mandelbrot=s=90x160:r=24");

        var same = await drift.MeasureAsync(matching, reference, ShotDriftMeasurer.Auto, VisualSources.Kling, CancellationToken.None);
        var other = await drift.MeasureAsync(drifted, reference, ShotDriftMeasurer.Auto, VisualSources.Runway, CancellationToken.None);

        output.WriteLine($"embedding drift scores: matching {same.Result.Similarity}, drifted {other.Result.Similarity} (threshold {Threshold})");
        Assert.True(same.Result.Similarity >= Threshold, $"matching {same.Result.Similarity}");
        Assert.True(other.Result.Similarity < Threshold, $"drifted {other.Result.Similarity}");
        Assert.Equal("image-embedding:http:fake-clip", same.Result.Method);
        Assert.Null(same.Note);
        Assert.Equal(2, api.Server.Requests.Count);
        Assert.All(api.Server.Requests, r => Assert.Equal("Bearer sk-drift-test", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Auto_ProceduralShot_KeepsTheHistogramEvenWithAProvider()
    {
        using var api = new FakeEmbeddingApi();
        using var services = Services(HttpSettings(api));
        var reference = await MakeAsync("reference.png", "testsrc2=s=90x160", still: true);
        var clip = await MakeAsync("procedural.mp4", "testsrc2=s=90x160:r=24");

        var result = await services.GetRequiredService<ShotDriftMeasurer>().MeasureAsync(clip, reference, ShotDriftMeasurer.Auto, VisualSources.Procedural, CancellationToken.None);

        Assert.Equal(ShotSimilarity.MethodName, result.Result.Method);
        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task Auto_CloudShotWithoutAProvider_UsesTheHistogramAndSaysItCannotSeeDrift()
    {
        using var services = Services([]);
        var reference = await MakeAsync("reference.png", "testsrc2=s=90x160", still: true);
        var clip = await MakeAsync("veo.mp4", "testsrc2=s=90x160:r=24");
        var drift = services.GetRequiredService<ShotDriftMeasurer>();

        var result = await drift.MeasureAsync(clip, reference, ShotDriftMeasurer.Auto, VisualSources.Veo, CancellationToken.None);

        Assert.False(drift.EmbeddingConfigured);
        Assert.Equal(ShotSimilarity.MethodName, result.Result.Method);
        Assert.Equal(ShotDriftMeasurer.HistogramOnGenerativeNote, result.Note);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            drift.MeasureAsync(clip, reference, ShotDriftMeasurer.Embedding, VisualSources.Veo, CancellationToken.None));
        Assert.Contains("AIVIDEO__DRIFT__EMBEDDING__PROVIDER", error.Message);
    }

    [Fact]
    public async Task Histogram_Asked_OnACloudShot_IsUsedEvenWithAProvider()
    {
        using var api = new FakeEmbeddingApi();
        using var services = Services(HttpSettings(api));
        var reference = await MakeAsync("reference.png", "testsrc2=s=90x160", still: true);
        var clip = await MakeAsync("kling.mp4", "testsrc2=s=90x160:r=24");

        var result = await services.GetRequiredService<ShotDriftMeasurer>().MeasureAsync(clip, reference, ShotDriftMeasurer.Histogram, VisualSources.Kling, CancellationToken.None);

        Assert.Equal(ShotSimilarity.MethodName, result.Result.Method);
        Assert.NotNull(result.Note);
        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task Embedding_ReferenceIsAClip_ItsMiddleFrameIsTheReference()
    {
        using var api = new FakeEmbeddingApi();
        using var services = Services(HttpSettings(api));
        var firstShot = await MakeAsync("first-shot.mp4", "testsrc2=s=90x160:r=24");
        var laterShot = await MakeAsync("later-shot.mp4", "testsrc2=s=90x160:r=24");

        var result = await services.GetRequiredService<ShotDriftMeasurer>().MeasureAsync(laterShot, firstShot, ShotDriftMeasurer.Auto, VisualSources.Kling, CancellationToken.None);

        Assert.True(result.Result.Similarity >= Threshold, $"{result.Result.Similarity}");
    }

    [Theory]
    [InlineData("Provider", "clip", "PROVIDER must be none, http or onnx")]
    [InlineData("Endpoint", "", "ENDPOINT must be the absolute http(s) URL")]
    [InlineData("Model", "", "MODEL must name")]
    [InlineData("Baseline", "1.5", "BASELINE must be a number")]
    [InlineData("MaxAttempts", "many", "MAXATTEMPTS must be a whole number")]
    public void AddDriftGate_InvalidSetting_FailsAtStartNamingTheVariable(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Drift:Embedding:Provider"] = "http",
            ["Drift:Embedding:Endpoint"] = "https://api.jina.ai/v1/embeddings",
            ["Drift:Embedding:Model"] = "jina-clip-v2",
            ["Drift:Embedding:ApiKey"] = "sk-never-shown",
            [$"Drift:Embedding:{key}"] = value,
        };
        using var services = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ShotDriftMeasurer>());

        Assert.Contains("AIVIDEO__DRIFT__EMBEDDING__" + expected, error.Message);
        Assert.DoesNotContain("sk-never-shown", error.Message);
    }

    [Fact]
    public void AddDriftGate_OnnxWithAMissingModelFile_FailsAtStartNamingThePath()
    {
        using var services = Services(new() { ["Drift:Embedding:Provider"] = "onnx", ["Drift:Embedding:ModelPath"] = "/nowhere/clip.onnx" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ShotDriftMeasurer>());

        Assert.Contains("MODELPATH '/nowhere/clip.onnx' does not exist", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
