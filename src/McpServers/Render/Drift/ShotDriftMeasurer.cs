using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Media.Similarity;

namespace AiVideo.McpServers.Render.Drift;

/// <param name="Result">The measured similarity.</param>
/// <param name="Note">What the caller should know about the method (histogram on generative footage); null: nothing.</param>
public sealed record DriftMeasurement(SimilarityResult Result, string? Note);

/// <summary>
/// Picks how a shot's drift from the channel reference is measured (<c>shot_similarity</c>'s <c>method</c>):
/// <c>histogram</c> — the colour palette (<see cref="ShotSimilarity"/>), right for procedural shots, which are drawn in
/// the channel palette; <c>embedding</c> — an image-embedding model (<see cref="EmbeddingSimilarity"/>), which sees the
/// subject; <c>auto</c> (default) — embeddings for cloud-generated shots when a provider is configured, the histogram
/// otherwise (then the result's note says the histogram cannot see character drift).
/// </summary>
public sealed class ShotDriftMeasurer(ShotSimilarity histogram, EmbeddingSimilarity? embedding, DriftEmbeddingOptions options)
{
    public const string Auto = "auto";
    public const string Histogram = "histogram";
    public const string Embedding = "embedding";

    public static readonly IReadOnlyList<string> Methods = [Auto, Histogram, Embedding];

    public const string HistogramOnGenerativeNote =
        "measured by colour histogram: no image-embedding provider is configured (AIVIDEO__DRIFT__EMBEDDING__PROVIDER), and a histogram sees a " +
        "generated shot's palette, not its subject — character or object drift goes unnoticed";

    public bool EmbeddingConfigured => embedding is not null;

    public async Task<DriftMeasurement> MeasureAsync(string clipPath, string referencePath, string? method, string? source, CancellationToken cancellationToken)
    {
        var chosen = (string.IsNullOrWhiteSpace(method) ? Auto : method.Trim()).ToLowerInvariant();
        if (!Methods.Contains(chosen))
        {
            throw new InvalidInputException($"method '{method}' is not one of {string.Join(", ", Methods)}");
        }
        if (chosen == Embedding && embedding is null)
        {
            throw new InvalidInputException("method 'embedding' needs an image-embedding provider: set AIVIDEO__DRIFT__EMBEDDING__PROVIDER to http or onnx on the render server");
        }
        var generative = VisualSources.IsCloudGenerator(source);
        if (chosen == Embedding || (chosen == Auto && generative && embedding is not null))
        {
            var result = await embedding!.CompareAsync(clipPath, referencePath, options.Baseline, cancellationToken).ConfigureAwait(false);
            return new DriftMeasurement(result, null);
        }
        var colours = await histogram.CompareAsync(clipPath, referencePath, cancellationToken).ConfigureAwait(false);
        var note = generative ? HistogramOnGenerativeNote
            : VisualSources.IsFound(source) ? "found footage is not drawn in the channel look: gate it on relevance and check_footage, not on this score"
            : null;
        return new DriftMeasurement(colours, note);
    }
}
