using AiVideo.Core.Domain;
using AiVideo.Media.Similarity;

namespace AiVideo.Media.Tests.Render;

[Collection(RenderCollection.Name)]
public sealed class ShotSimilarityTests(RenderFixture fixture)
{
    private static readonly double Threshold = new RenderSettings().DriftThreshold;

    public static TheoryData<string> Prompts => ["a city skyline at night", "ocean waves at dawn", "coffee beans close up"];

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task CompareAsync_SameSeedDifferentPrompts_ScoresAboveTheDriftThreshold(string prompt)
    {
        var result = await fixture.Similarity.CompareAsync(await fixture.ClipAsync(prompt, 3), await fixture.ReferenceAsync(3), CancellationToken.None);

        Assert.True(result.Similarity >= 0.7, $"similarity {result.Similarity} for '{prompt}'");
        Assert.Equal(3, result.FramesCompared);
        Assert.Equal(ShotSimilarity.MethodName, result.Method);
        Assert.False(result.Frozen);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task CompareAsync_DifferentSeed_ScoresBelowTheDriftThreshold(string prompt)
    {
        var reference = await fixture.ReferenceAsync(3);
        foreach (var otherSeed in new[] { 1, 2 })
        {
            var result = await fixture.Similarity.CompareAsync(await fixture.ClipAsync(prompt, otherSeed), reference, CancellationToken.None);
            Assert.True(result.Similarity < Threshold - 0.15, $"similarity {result.Similarity} for seed {otherSeed} '{prompt}'");
        }
    }

    [Fact]
    public async Task CompareAsync_BlackClip_ScoresLow()
    {
        var black = fixture.Directory.Combine("black.mp4");
        await fixture.Runner.RunCheckedAsync("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=160x284:r=24:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", black],
            CancellationToken.None);

        var result = await fixture.Similarity.CompareAsync(black, await fixture.ReferenceAsync(3), CancellationToken.None);

        Assert.True(result.Similarity < 0.2, $"similarity {result.Similarity}");
    }

    [Fact]
    public async Task CompareAsync_FrozenClipOfTheRightPalette_IsFlaggedAndFailsTheThreshold()
    {
        var reference = await fixture.ReferenceAsync(3);
        var frozen = fixture.Directory.Combine("frozen.mp4");
        await fixture.Runner.RunCheckedAsync("ffmpeg",
            ["-v", "error", "-y", "-loop", "1", "-i", reference, "-t", "1", "-r", "24", "-c:v", "libx264", "-pix_fmt", "yuv420p", frozen],
            CancellationToken.None);

        var result = await fixture.Similarity.CompareAsync(frozen, reference, CancellationToken.None);

        Assert.True(result.Frozen);
        Assert.True(result.Similarity < Threshold, $"similarity {result.Similarity}");
    }

    [Fact]
    public async Task CompareAsync_NotMedia_ThrowsInvalidData()
    {
        var text = fixture.Directory.Combine("notes.mp4");
        await File.WriteAllTextAsync(text, "not a video");

        await Assert.ThrowsAsync<InvalidDataException>(() => fixture.Similarity.CompareAsync(text, text, CancellationToken.None));
    }
}
