using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;

namespace AiVideo.Memory.Embeddings;

/// <summary>
/// The offline embedder: word unigrams, word bigrams and character trigrams hashed (signed feature hashing) into a
/// fixed number of dimensions, then L2-normalised. It is LEXICAL, not semantic: "moon landing" is near "the moon
/// landing hoax" but not near "Apollo 11". Deterministic across processes and machines; no model, no network.
/// </summary>
public sealed class HashedNgramEmbeddingGenerator(int dimensions = HashedNgramEmbeddingGenerator.DefaultDimensions)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 384;
    public const string ModelId = "hashed-ngrams-v1";

    private readonly EmbeddingGeneratorMetadata _metadata = new("aivideo-hashed", defaultModelId: ModelId, defaultModelDimensions: dimensions);

    public int Dimensions { get; } = dimensions > 0 ? dimensions : throw new ArgumentOutOfRangeException(nameof(dimensions));

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = null });
        }
        return Task.FromResult(result);
    }

    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            Add(vector, "w:" + words[i], 1.0f);
            if (i + 1 < words.Count) Add(vector, "b:" + words[i] + " " + words[i + 1], 0.7f);
            var padded = "^" + words[i] + "$";
            for (var c = 0; c + 3 <= padded.Length; c++) Add(vector, "c:" + padded.Substring(c, 3), 0.3f);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private void Add(float[] vector, string feature, float weight)
    {
        var hash = Fnv1a(feature);
        var index = (int)(hash % (ulong)Dimensions);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    /// <summary>64-bit FNV-1a over UTF-16 code units, then a final avalanche so the top bit (the sign) is well mixed.</summary>
    private static ulong Fnv1a(string feature)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in feature)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
