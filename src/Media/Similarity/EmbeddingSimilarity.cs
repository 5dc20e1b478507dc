namespace AiVideo.Media.Similarity;

/// <summary>
/// How close a clip stays to a reference picture by an image-embedding model: three frames of the clip (20/50/80%) and
/// the reference (an image, or the middle frame of a reference clip) are embedded, and the similarity is the mean
/// cosine of each frame's vector with the reference's, mapped to 0..1 by <see cref="ToScore"/>.
/// </summary>
/// <remarks>
/// Unlike the colour histogram this sees what is in the picture (a character, an object, a scene), so it separates a
/// generator's drifted shot from one that keeps the reference's subject in another light. A frozen clip (sampled
/// frames identical) has its score halved, as with the histogram, so it fails the gate.
/// </remarks>
public sealed class EmbeddingSimilarity(FrameSampler sampler, IImageEmbedder embedder)
{
    public const string MethodPrefix = "image-embedding";

    /// <summary>Frames are sampled with this shorter side before the embedder resizes them to its own input.</summary>
    public const int SampleShortSide = 256;

    /// <summary>
    /// The mapping of a cosine to a 0..1 similarity: <c>clamp((cos − baseline) / (1 − baseline), 0, 1)</c>. With baseline 0
    /// (the default) it is the cosine with negative values (opposite vectors) at 0. Models whose unrelated pictures
    /// already score a high cosine (CLIP: ≈0.4–0.6) are given that level as baseline so "unrelated" lands near 0.
    /// </summary>
    public static double ToScore(double cosine, double baseline = 0)
    {
        if (double.IsNaN(cosine)) return 0;
        var b = Math.Clamp(baseline, 0, 0.99);
        return Math.Clamp((cosine - b) / (1 - b), 0, 1);
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new InvalidDataException($"embeddings differ in length ({a.Length} vs {b.Length})");
        }
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }
        return na <= 0 || nb <= 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    public string Method => $"{MethodPrefix}:{embedder.Name}";

    public async Task<SimilarityResult> CompareAsync(string clipPath, string referencePath, double baseline, CancellationToken cancellationToken)
    {
        if (!File.Exists(referencePath))
        {
            throw new FileNotFoundException($"reference '{Path.GetFileName(referencePath)}' does not exist");
        }
        var (width, height, times) = await sampler.PlanAsync(clipPath, FrameSampler.ClipPoints, cancellationToken).ConfigureAwait(false);
        var (w, h) = FrameSampler.FitShortSide(width, height, SampleShortSide);
        var frames = await sampler.SampleAsync(clipPath, times, w, h, cancellationToken).ConfigureAwait(false);

        var (refWidth, refHeight, refTimes) = await sampler.PlanAsync(referencePath, [0.5], cancellationToken).ConfigureAwait(false);
        var (rw, rh) = FrameSampler.FitShortSide(refWidth, refHeight, SampleShortSide);
        var reference = (await sampler.SampleAsync(referencePath, refTimes, rw, rh, cancellationToken).ConfigureAwait(false))[0];

        var vectors = await embedder.EmbedAsync([reference, .. frames], cancellationToken).ConfigureAwait(false);
        if (vectors.Count != frames.Count + 1)
        {
            throw new InvalidDataException($"the embedder returned {vectors.Count} embedding(s) for {frames.Count + 1} picture(s)");
        }
        var cosine = Enumerable.Range(1, frames.Count).Average(i => Cosine(vectors[0], vectors[i]));
        var motion = frames.Count < 2 ? 0 : Enumerable.Range(1, frames.Count - 1).Average(i => frames[i - 1].MeanAbsoluteDifference(frames[i]));
        var frozen = frames.Count >= 2 && motion < ShotSimilarity.FrozenMotionThreshold;
        var score = ToScore(cosine, baseline);
        return new SimilarityResult(Math.Round(frozen ? score * 0.5 : score, 4), Method, frames.Count, Math.Round(cosine, 4), Math.Round(motion, 3), frozen);
    }
}
