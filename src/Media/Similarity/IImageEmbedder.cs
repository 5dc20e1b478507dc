namespace AiVideo.Media.Similarity;

/// <summary>Turns pictures into embedding vectors whose cosine says how alike they look (an HTTP API or a local model).</summary>
public interface IImageEmbedder
{
    /// <summary>Short name for results and logs, e.g. "http:jina-clip-v2" or "onnx:clip-vit-b32.onnx".</summary>
    string Name { get; }

    /// <summary>One vector per picture, in order; all of one length.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ImageFrame> images, CancellationToken cancellationToken);
}
