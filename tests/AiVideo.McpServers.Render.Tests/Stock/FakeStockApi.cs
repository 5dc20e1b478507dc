using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Stock;

/// <summary>
/// Pexels and Pixabay as a local HTTP server (<see cref="CannedHttpServer"/>): <c>/videos/search</c> answers
/// <see cref="PexelsVideos"/>, <c>/api/videos/</c> answers <see cref="PixabayHits"/>, <c>/files/*</c> serves one real
/// ffmpeg clip (3 s, 90x160) as every download. <see cref="Override"/> answers before the routes (errors, 429s).
/// </summary>
public sealed class FakeStockApi : IDisposable
{
    public const string PexelsKey = "pexels-secret-key-123";
    public const string PixabayKey = "pixabay-secret-key-456";

    private readonly byte[] _clip;

    public FakeStockApi(byte[] clip)
    {
        _clip = clip;
        Server = new CannedHttpServer(404, "{}") { Responder = Answer };
    }

    public CannedHttpServer Server { get; }

    public string BaseUrl => Server.BaseUrl;

    public List<JsonObject> PexelsVideos { get; } = [];

    public List<JsonObject> PixabayHits { get; } = [];

    /// <summary>Answers given first, in order (then the routes).</summary>
    public ConcurrentQueue<CannedResponse> Override { get; } = new();

    public IReadOnlyList<RecordedRequest> Searches => Server.Requests.Where(r => !r.Path.StartsWith("/files/", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<RecordedRequest> Downloads => Server.Requests.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).ToList();

    /// <summary>Asked after <see cref="Override"/>: a non-null answer replaces the route's (e.g. expired download links).</summary>
    public Func<RecordedRequest, CannedResponse?>? Intercept { get; set; }

    private CannedResponse Answer(RecordedRequest request)
    {
        if (Override.TryDequeue(out var first)) return first;
        if (Intercept?.Invoke(request) is { } intercepted) return intercepted;
        if (request.Path.StartsWith("/files/", StringComparison.Ordinal)) return new CannedResponse(200, _clip, "video/mp4");
        if (request.Path == "/videos/search")
        {
            return CannedResponse.Text(200, new JsonObject { ["page"] = 1, ["per_page"] = PexelsVideos.Count, ["videos"] = new JsonArray([.. PexelsVideos.Select(v => v.DeepClone())]) }.ToJsonString());
        }
        if (request.Path == "/api/videos/")
        {
            return CannedResponse.Text(200, new JsonObject { ["total"] = PixabayHits.Count, ["totalHits"] = PixabayHits.Count, ["hits"] = new JsonArray([.. PixabayHits.Select(v => v.DeepClone())]) }.ToJsonString());
        }
        return CannedResponse.Text(404, "{\"error\":\"not found\"}");
    }

    /// <summary>A Pexels <c>videos[]</c> entry; files are (width, height) served under /files/.</summary>
    public JsonObject PexelsVideo(long id, string slug, double duration, params (int W, int H)[] files) => new()
    {
        ["id"] = id,
        ["width"] = files.Max(f => f.W),
        ["height"] = files.Max(f => f.H),
        ["duration"] = duration,
        ["url"] = $"https://www.pexels.com/video/{slug}-{id}/",
        ["image"] = "https://images.pexels.com/x.jpg",
        ["user"] = new JsonObject { ["id"] = 7, ["name"] = "Jane Doe", ["url"] = "https://www.pexels.com/@jane-doe" },
        ["video_files"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject
        {
            ["id"] = id * 10 + i,
            ["quality"] = f.H >= 720 ? "hd" : "sd",
            ["file_type"] = "video/mp4",
            ["width"] = f.W,
            ["height"] = f.H,
            ["fps"] = 12,
            ["link"] = $"{BaseUrl}/files/{id}-{f.W}x{f.H}.mp4",
        }), new JsonObject { ["id"] = id * 10 + 9, ["quality"] = "hls", ["file_type"] = "video/mp4", ["width"] = null, ["height"] = null, ["link"] = $"{BaseUrl}/files/{id}.m3u8" }]),
    };

    /// <summary>A Pixabay <c>hits[]</c> entry with medium and small renditions (large empty, as Pixabay often sends it).</summary>
    public JsonObject PixabayHit(long id, string tags, double duration, int width = 90, int height = 160) => new()
    {
        ["id"] = id,
        ["pageURL"] = $"https://pixabay.com/videos/clip-{id}/",
        ["type"] = "film",
        ["tags"] = tags,
        ["duration"] = duration,
        ["videos"] = new JsonObject
        {
            ["large"] = new JsonObject { ["url"] = "", ["width"] = 0, ["height"] = 0, ["size"] = 0 },
            ["medium"] = new JsonObject { ["url"] = $"{BaseUrl}/files/px{id}-{width}x{height}.mp4", ["width"] = width, ["height"] = height, ["size"] = 90000 },
            ["small"] = new JsonObject { ["url"] = $"{BaseUrl}/files/px{id}-{width / 2}x{height / 2}.mp4", ["width"] = width / 2, ["height"] = height / 2, ["size"] = 30000 },
            ["tiny"] = new JsonObject { ["url"] = $"{BaseUrl}/files/px{id}-{width / 4}x{height / 4}.mp4", ["width"] = width / 4, ["height"] = height / 4, ["size"] = 10000 },
        },
        ["views"] = 10,
        ["user_id"] = 4242,
        ["user"] = "coverr",
    };

    public void Dispose() => Server.Dispose();
}

/// <summary>One real clip for every download, made once per test class with ffmpeg.</summary>
public sealed class StockClipFixture : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-stock-clip");
    private readonly Lazy<Task<byte[]>> _clip;

    public StockClipFixture() => _clip = new(async () =>
    {
        var path = _dir.Combine("clip.mp4");
        await TestLibrary.ClipAsync(path, "testsrc2=size=90x160:rate=12", 3);
        return await File.ReadAllBytesAsync(path);
    });

    public Task<byte[]> ClipAsync() => _clip.Value;

    public void Dispose() => _dir.Dispose();
}
