using AiVideo.McpServers.Render.Drift;
using AiVideo.Media.Similarity;
using AiVideo.Testing;

namespace AiVideo.McpServers.Render.Tests.Drift;

public sealed class OnnxImageEmbedderTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-onnx-tests");

    private static ImageFrame Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        return new ImageFrame(width, height, pixels);
    }

    private DriftEmbeddingOptions Options(string modelPath, int size = 32) => new()
    {
        Provider = DriftEmbeddingOptions.Onnx, ModelPath = modelPath, InputSize = size,
    };

    [Fact]
    public async Task Embed_HandWrittenModel_RunsTheFullPath_AlikePicturesCloseOthersFar()
    {
        var model = _dir.Combine("mean-colour.onnx");
        await File.WriteAllBytesAsync(model, TinyOnnxModel.MeanColourEncoder(32));
        using var embedder = new OnnxImageEmbedder(Options(model));

        var vectors = await embedder.EmbedAsync([Solid(90, 160, 220, 40, 30), Solid(64, 112, 210, 50, 40), Solid(90, 160, 30, 60, 220)], CancellationToken.None);

        Assert.Equal("onnx:mean-colour.onnx", embedder.Name);
        Assert.All(vectors, v => Assert.Equal(3, v.Length));
        // The model averages the normalised picture: red 220 → (220/255 − 0.4815) / 0.2686.
        Assert.Equal((220 / 255.0 - DriftEmbeddingOptions.ClipMean[0]) / DriftEmbeddingOptions.ClipStd[0], vectors[0][0], 3);
        Assert.True(EmbeddingSimilarity.Cosine(vectors[0], vectors[1]) > 0.95);
        Assert.True(EmbeddingSimilarity.Cosine(vectors[0], vectors[2]) < 0);
    }

    [Fact]
    public void Create_FileThatIsNotAModel_FailsWithAClearError()
    {
        var junk = _dir.Combine("clip.onnx");
        File.WriteAllText(junk, "this is not a protobuf model");

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxImageEmbedder(Options(junk)));

        Assert.StartsWith("drift embedding model 'clip.onnx' is not a valid ONNX model", error.Message);
    }

    [Fact]
    public void Create_MissingFile_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OnnxImageEmbedder(Options(_dir.Combine("absent.onnx"))));

        Assert.Contains("does not exist (AIVIDEO__DRIFT__EMBEDDING__MODELPATH)", error.Message);
    }

    [Fact]
    public async Task Create_ModelOfAnotherInputSize_FailsNamingInputSize()
    {
        var model = _dir.Combine("mean-64.onnx");
        await File.WriteAllBytesAsync(model, TinyOnnxModel.MeanColourEncoder(64));

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxImageEmbedder(Options(model, size: 32)));

        Assert.Contains("takes 64×64 pictures but AIVIDEO__DRIFT__EMBEDDING__INPUTSIZE is 32", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class ClipImagePreprocessorTests
{
    [Fact]
    public void ToTensor_PortraitPicture_CentreCropsToASquareNchwTensorNormalisedPerChannel()
    {
        // 2 wide × 6 high: top two rows black, middle two white, bottom two black. Short side 2 → no resize, crop the middle 2×2.
        var pixels = new byte[2 * 6 * 3];
        for (var y = 2; y < 4; y++) for (var i = 0; i < 6; i++) pixels[(y * 6) + i] = 255;
        var pre = new ClipImagePreprocessor(2, [0.5f, 0.25f, 0f], [0.5f, 0.25f, 1f]);

        var tensor = pre.ToTensor(new ImageFrame(2, 6, pixels));

        Assert.Equal(12, tensor.Length);
        Assert.All(tensor[..4], v => Assert.Equal(1f, v, 5));   // R plane: (1 − 0.5) / 0.5
        Assert.All(tensor[4..8], v => Assert.Equal(3f, v, 5));  // G plane: (1 − 0.25) / 0.25
        Assert.All(tensor[8..], v => Assert.Equal(1f, v, 5));   // B plane: (1 − 0) / 1
    }

    [Fact]
    public void ToTensor_SmallPicture_IsResizedUpToTheInputSize()
    {
        var pre = new ClipImagePreprocessor(8, DriftEmbeddingOptions.ClipMean, DriftEmbeddingOptions.ClipStd);
        var grey = new byte[3 * 3 * 3];
        Array.Fill(grey, (byte)128);

        var tensor = pre.ToTensor(new ImageFrame(3, 3, grey));

        Assert.Equal(3 * 8 * 8, tensor.Length);
        Assert.Equal((128 / 255.0 - DriftEmbeddingOptions.ClipMean[1]) / DriftEmbeddingOptions.ClipStd[1], tensor[64 + 27], 4);
    }
}
