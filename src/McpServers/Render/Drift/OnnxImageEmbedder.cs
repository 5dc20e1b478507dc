using AiVideo.Media.Similarity;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiVideo.McpServers.Render.Drift;

/// <summary>
/// Image embeddings from a local ONNX model the operator supplies (a CLIP-style image encoder, e.g. an export of
/// CLIP ViT-B/32's vision tower): the model's first input takes a float32 NCHW tensor [1, 3, InputSize, InputSize]
/// preprocessed by <see cref="ClipImagePreprocessor"/>, and its first output is the embedding (flattened).
/// Nothing is downloaded: the file at <see cref="DriftEmbeddingOptions.ModelPath"/> is all there is.
/// </summary>
public sealed class OnnxImageEmbedder : IImageEmbedder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly ClipImagePreprocessor _preprocessor;
    private readonly string _inputName;
    private readonly string _fileName;

    public OnnxImageEmbedder(DriftEmbeddingOptions options)
    {
        var path = options.ModelPath ?? "";
        _fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"drift embedding model '{path}' does not exist (AIVIDEO__DRIFT__EMBEDDING__MODELPATH)");
        }
        try
        {
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = Math.Min(2, Environment.ProcessorCount) };
            _session = new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"drift embedding model '{_fileName}' is not a valid ONNX model: {FirstLine(ex.Message)}");
        }
        var input = _session.InputMetadata.FirstOrDefault();
        if (input.Key is null || input.Value.ElementType != typeof(float) || input.Value.Dimensions.Length != 4
            || (input.Value.Dimensions[1] > 0 && input.Value.Dimensions[1] != 3))
        {
            _session.Dispose();
            throw new InvalidOperationException($"drift embedding model '{_fileName}' must take one float32 image tensor [N, 3, H, W] as its first input " +
                $"(it takes {(input.Key is null ? "none" : $"{input.Value.ElementType.Name} [{string.Join(", ", input.Value.Dimensions)}]")})");
        }
        var dims = input.Value.Dimensions;
        if ((dims[2] > 0 && dims[2] != options.InputSize) || (dims[3] > 0 && dims[3] != options.InputSize))
        {
            _session.Dispose();
            throw new InvalidOperationException($"drift embedding model '{_fileName}' takes {dims[2]}×{dims[3]} pictures but AIVIDEO__DRIFT__EMBEDDING__INPUTSIZE is {options.InputSize}");
        }
        _inputName = input.Key;
        _preprocessor = new ClipImagePreprocessor(options.InputSize, options.Mean, options.Std);
    }

    public string Name => $"onnx:{_fileName}";

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ImageFrame> images, CancellationToken cancellationToken)
    {
        var size = _preprocessor.Size;
        var result = new List<float[]>(images.Count);
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tensor = new DenseTensor<float>(_preprocessor.ToTensor(image), [1, 3, size, size]);
            try
            {
                using var outputs = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
                result.Add(outputs.First().AsEnumerable<float>().ToArray());
            }
            catch (OnnxRuntimeException ex)
            {
                throw new InvalidOperationException($"drift embedding model '{_fileName}' failed on a {size}×{size} picture: {FirstLine(ex.Message)}");
            }
        }
        return Task.FromResult<IReadOnlyList<float[]>>(result);
    }

    public void Dispose() => _session.Dispose();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
