using Microsoft.Extensions.AI;

namespace AiVideo.Memory.Tests.Pinecone;

/// <summary>An embedding generator that maps known texts to fixed 4-dimension vectors and records what it was asked.</summary>
public sealed class PineconeFakeEmbedder(IReadOnlyDictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<string> Asked { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Asked.AddRange(texts);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(vectors[t]))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
