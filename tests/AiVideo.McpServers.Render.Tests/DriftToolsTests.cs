namespace AiVideo.McpServers.Render.Tests;

/// <summary>shot_similarity's method/source and check_footage, through the server process.</summary>
public sealed class DriftToolsTests(RenderServerFixture server) : IClassFixture<RenderServerFixture>
{
    private sealed record RenderShot(string ClipPath);
    private sealed record SimilarityScore(double Similarity, string Method, int FramesCompared, string ReferencePath, bool Frozen, string? Note);
    private sealed record Footage(string ClipPath, int Width, int Height, int ExpectedWidth, int ExpectedHeight, bool SizeOk, bool OrientationOk,
        double MeanLuma, double DarkestFrameLuma, double Motion, bool Frozen, int FramesSampled);

    private async Task<string> RenderAsync(string prompt) =>
        RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", new()
        {
            ["prompt"] = prompt, ["channelSeed"] = 3, ["durationSec"] = 1, ["width"] = 160, ["height"] = 284, ["fps"] = 24,
        })).ClipPath;

    [Fact]
    public async Task CheckFootage_RenderedShot_ReportsItsSizeBrightnessAndMotion()
    {
        var clip = await RenderAsync("a lighthouse at dusk");

        var facts = RenderServerFixture.Structured<Footage>(await server.CallAsync("check_footage", new() { ["clipPath"] = clip, ["width"] = 160, ["height"] = 284 }));
        var wrong = RenderServerFixture.Structured<Footage>(await server.CallAsync("check_footage", new() { ["clipPath"] = clip, ["width"] = 284, ["height"] = 160 }));

        Assert.Equal((160, 284, true, true, 5), (facts.Width, facts.Height, facts.SizeOk, facts.OrientationOk, facts.FramesSampled));
        Assert.InRange(facts.MeanLuma, 0.05, 1);
        Assert.False(facts.Frozen);
        Assert.Equal((false, false), (wrong.SizeOk, wrong.OrientationOk));
    }

    [Fact]
    public async Task ShotSimilarity_CloudShotWithoutAProvider_UsesTheHistogramWithANote()
    {
        var reference = await RenderAsync("ocean waves at dawn");
        var clip = await RenderAsync("coffee beans close up");

        var score = RenderServerFixture.Structured<SimilarityScore>(await server.CallAsync("shot_similarity",
            new() { ["clipPath"] = clip, ["channelSeed"] = 3, ["referencePath"] = reference, ["source"] = "kling" }));
        var procedural = RenderServerFixture.Structured<SimilarityScore>(await server.CallAsync("shot_similarity",
            new() { ["clipPath"] = clip, ["channelSeed"] = 3, ["referencePath"] = reference }));

        Assert.Equal("hsv-histogram-intersection", score.Method);
        Assert.Contains("no image-embedding provider is configured", score.Note);
        Assert.Equal(score.Similarity, procedural.Similarity);
        Assert.Null(procedural.Note);
    }

    [Theory]
    [InlineData("""{"clipPath":"CLIP","channelSeed":3,"source":"veo"}""", "needs referencePath")]
    [InlineData("""{"clipPath":"CLIP","channelSeed":3,"method":"embedding"}""", "AIVIDEO__DRIFT__EMBEDDING__PROVIDER")]
    [InlineData("""{"clipPath":"CLIP","channelSeed":3,"method":"ssim"}""", "method 'ssim' is not one of auto, histogram, embedding")]
    public async Task ShotSimilarity_CallThatCannotBeMeasured_IsAClearToolError(string json, string expected)
    {
        var clip = await RenderAsync("a city skyline at night");
        var arguments = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(json.Replace("CLIP", clip, StringComparison.Ordinal))!;

        var result = await server.CallAsync("shot_similarity", arguments);

        Assert.True(result.IsError);
        Assert.Contains(expected, RenderServerFixture.ErrorText(result));
    }
}
