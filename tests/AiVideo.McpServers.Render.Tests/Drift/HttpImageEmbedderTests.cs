using System.Text.Json.Nodes;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Drift;
using AiVideo.Media.Similarity;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Render.Tests.Drift;

public sealed class HttpImageEmbedderTests
{
    private const string Key = "sk-test-embedding-key-123";
    private static readonly ImageFrame Red = new(2, 2, [200, 10, 10, 200, 10, 10, 200, 10, 10, 200, 10, 10]);
    private static readonly string Answer = """{"data":[{"index":0,"embedding":[0.5,-0.25,1]}]}""";

    private static HttpImageEmbedder Embedder(CannedHttpServer server, List<TimeSpan>? waits = null, int maxAttempts = 4) => new(
        new HttpClient(),
        new DriftEmbeddingOptions { Provider = DriftEmbeddingOptions.Http, Endpoint = server.BaseUrl + "/v1/embeddings", ApiKey = Key, Model = "jina-clip-v2", MaxAttempts = maxAttempts },
        NullLogger<HttpImageEmbedder>.Instance,
        (wait, _) =>
        {
            waits?.Add(wait);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Embed_PostsTheModelAndPngDataUrlsWithTheBearerKey_AndReadsTheVectors()
    {
        using var server = new CannedHttpServer(200, Answer);

        var vectors = await Embedder(server).EmbedAsync([Red], CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/embeddings"), (request.Method, request.Path));
        Assert.Equal($"Bearer {Key}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("jina-clip-v2", body["model"]!.GetValue<string>());
        var image = body["input"]!.AsArray().Single()!["image"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", image);
        var (width, height, rgb) = FakeEmbeddingApi.DecodePng(Convert.FromBase64String(image["data:image/png;base64,".Length..]));
        Assert.Equal((2, 2), (width, height));
        Assert.Equal(Red.Rgb24, rgb);
        Assert.Equal([0.5f, -0.25f, 1f], Assert.Single(vectors));
    }

    [Fact]
    public async Task Embed_429WithRetryAfterThenSuccess_WaitsAsToldAndSucceeds()
    {
        using var server = new CannedHttpServer(200, Answer)
        {
            ResponseHeaders = (_, status) => status == 429 ? new Dictionary<string, string> { ["Retry-After"] = "7" } : null,
        };
        server.Sequence.Enqueue((429, """{"detail":"rate limited"}"""));
        var waits = new List<TimeSpan>();

        var vectors = await Embedder(server, waits).EmbedAsync([Red], CancellationToken.None);

        Assert.Single(vectors);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public async Task Embed_ServerErrorsOnEveryTry_GivesUpAfterTheBoundAsTransient()
    {
        using var server = new CannedHttpServer(503, """{"detail":"overloaded"}""");
        var waits = new List<TimeSpan>();

        var error = await Assert.ThrowsAsync<TransientProviderException>(() => Embedder(server, waits, maxAttempts: 3).EmbedAsync([Red], CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        Assert.Contains("503", error.Message);
        Assert.Contains("after 3 tries", error.Message);
    }

    [Fact]
    public async Task Embed_Unauthorised_FailsAtOnceWithoutTheKeyInTheMessage()
    {
        using var server = new CannedHttpServer(401, $$"""{"detail":"invalid key {{Key}}"}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Embedder(server).EmbedAsync([Red], CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain(Key, error.Message);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("""{"embeddings":[[1,2]]}""", "no \"data\" array")]
    [InlineData("""{"data":[]}""", "returned 0 embedding(s) for 1 image(s)")]
    [InlineData("""{"data":[{"index":0,"embedding":["a"]}]}""", "non-number")]
    [InlineData("""{"data":[{"index":0}]}""", "no \"embedding\" array")]
    public async Task Embed_MalformedAnswer_FailsWithAClearError(string answer, string expected)
    {
        using var server = new CannedHttpServer(200, answer);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Embedder(server).EmbedAsync([Red], CancellationToken.None));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("embedding API", error.Message);
    }
}
