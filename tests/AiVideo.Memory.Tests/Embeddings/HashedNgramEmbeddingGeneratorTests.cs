using System.Numerics.Tensors;
using AiVideo.Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace AiVideo.Memory.Tests.Embeddings;

public sealed class HashedNgramEmbeddingGeneratorTests
{
    private static readonly (int, float)[] PinnedA = [(161, 0.2873f), (316, 0.9578f)];

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Fact]
    public async Task GenerateAsync_SameTextTwoInstances_ReturnsIdenticalVectors()
    {
        using var first = new HashedNgramEmbeddingGenerator();
        using var second = new HashedNgramEmbeddingGenerator();
        const string text = "The moon is drifting away from Earth, 3.8 cm a year.";

        var a = await first.GenerateAsync([text, text]);
        var b = await second.GenerateAsync([text]);

        Assert.Equal(a[0].Vector.ToArray(), a[1].Vector.ToArray());
        Assert.Equal(a[0].Vector.ToArray(), b[0].Vector.ToArray());
        Assert.Equal(HashedNgramEmbeddingGenerator.ModelId, b[0].ModelId);
        Assert.Contains(a[0].Vector.ToArray(), x => x != 0);
    }

    [Fact]
    public void Embed_SingleWord_MatchesPinnedFeatureHashing()
    {
        // "a" has two features: the word (weight 1.0) and the trigram "^a$" (0.3). Pinned so an accidental change of
        // the hash (e.g. to string.GetHashCode, which differs per process) is caught: stored indexes depend on it.
        var vector = new HashedNgramEmbeddingGenerator().Embed("a");

        var nonZero = vector.Select((v, i) => (i, v)).Where(x => x.v != 0).ToList();
        Assert.Equal(PinnedA, nonZero.Select(x => (x.i, MathF.Round(x.v, 4))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("the moon is drifting away from earth")]
    [InlineData("Pasta al dente: 9 minutes, salted water!")]
    [InlineData("月は地球から遠ざかっている")]
    public void Embed_AnyText_HasDefaultDimensionsAndUnitLengthOrIsZero(string text)
    {
        var generator = new HashedNgramEmbeddingGenerator();

        var vector = generator.Embed(text);

        Assert.Equal(384, HashedNgramEmbeddingGenerator.DefaultDimensions);
        Assert.Equal(384, generator.Dimensions);
        Assert.Equal(384, vector.Length);
        Assert.All(vector, x => Assert.True(float.IsFinite(x)));
        var norm = TensorPrimitives.Norm(vector);
        if (text.Length == 0) Assert.Equal(0f, norm);
        else Assert.Equal(1f, norm, 5);
    }

    [Fact]
    public void Embed_EmptyString_IsZeroVectorWithoutNaN()
    {
        var vector = new HashedNgramEmbeddingGenerator().Embed("");

        Assert.Equal(384, vector.Length);
        Assert.All(vector, x => Assert.Equal(0f, x));
        Assert.Equal(new HashedNgramEmbeddingGenerator().Embed(" ,.!? "), vector);
    }

    [Fact]
    public void Embed_CustomDimensions_UsesThem()
    {
        Assert.Equal(64, new HashedNgramEmbeddingGenerator(64).Embed("moon").Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashedNgramEmbeddingGenerator(0));
    }

    [Fact]
    public void Embed_LexicallySimilarTexts_AreCloserThanUnrelatedTexts()
    {
        var generator = new HashedNgramEmbeddingGenerator();
        var moon = generator.Embed("the moon is drifting away from earth");
        var similar = generator.Embed("moon drifting away");
        var unrelated = generator.Embed("how to cook pasta al dente");

        var near = Cosine(moon, similar);
        var far = Cosine(moon, unrelated);

        Assert.True(near > far + 0.3f, $"similar {near}, unrelated {far}");
        Assert.True(near > 0.5f, $"similar {near}");
        Assert.True(Math.Abs(far) < 0.2f, $"unrelated {far}");
    }

    [Fact]
    public void Embed_CaseAndPunctuationDiffer_ReturnsSameVector()
    {
        var generator = new HashedNgramEmbeddingGenerator();

        var plain = generator.Embed("the moon is drifting away");
        var shouted = generator.Embed("THE MOON... is drifting, away!!!");
        var spaced = generator.Embed("  The\tMoon is -- drifting away?");

        Assert.Equal(plain, shouted);
        Assert.Equal(plain, spaced);
        Assert.NotEqual(plain, generator.Embed("the moon is drifting"));
    }

    [Fact]
    public void GetService_EmbeddingGeneratorMetadata_NamesTheModel()
    {
        using var generator = new HashedNgramEmbeddingGenerator(128);

        var metadata = Assert.IsType<EmbeddingGeneratorMetadata>(generator.GetService(typeof(EmbeddingGeneratorMetadata)));

        Assert.Equal("hashed-ngrams-v1", HashedNgramEmbeddingGenerator.ModelId);
        Assert.Equal(HashedNgramEmbeddingGenerator.ModelId, metadata.DefaultModelId);
        Assert.Equal("aivideo-hashed", metadata.ProviderName);
        Assert.Equal(128, metadata.DefaultModelDimensions);
        Assert.Same(generator, generator.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), "keyed"));
        Assert.Null(generator.GetService(typeof(string)));
    }
}
