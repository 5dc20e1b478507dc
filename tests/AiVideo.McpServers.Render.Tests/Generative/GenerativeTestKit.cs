using System.Collections.Concurrent;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Providers.Generative;
using AiVideo.Media.Library;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Render.Tests.Generative;

/// <summary>
/// A data directory, a reference image and the shared flow around one provider adapter, polling every 10 ms. Each test
/// makes its own kit (and its own fake API).
/// </summary>
public sealed class GenerativeTestKit(GeneratedVideoFixture video) : IDisposable
{
    public TempDirectory Root { get; } = new("aivideo-generative");

    public string DataDirectory => Root.Combine("render-data");

    public GenerationOptions Options { get; } = new() { PollInterval = TimeSpan.FromMilliseconds(10), MaxWait = TimeSpan.FromSeconds(30) };

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string ReferenceImage
    {
        get
        {
            var path = Root.Combine("reference.png");
            if (!File.Exists(path)) File.WriteAllBytes(path, video.Png);
            return path;
        }
    }

    public string ReferenceBase64 => Convert.ToBase64String(video.Png);

    public GenerativeVisualSource Source(IVideoGenerator generator, GenerationOptions? options = null)
    {
        var effective = options ?? Options;
        effective.DataDirectory = DataDirectory;
        return new GenerativeVisualSource(generator, new GenerationJobStore(effective), new LibraryClipComposer(new ProcessRunner()),
            new AiVideo.Media.Probing.MediaProbe(new ProcessRunner()), effective,
            NullLogger<GenerativeVisualSource>.Instance);
    }

    public KlingVideoGenerator Kling(CannedHttpServer server, TimeProvider? clock = null, KlingOptions? options = null) =>
        new(Http, options ?? new KlingOptions { AccessKey = "ak-test", SecretKey = "sk-test-secret", BaseUrl = server.BaseUrl }, Options, clock ?? TimeProvider.System,
            NullLogger<KlingVideoGenerator>.Instance);

    public RunwayVideoGenerator Runway(CannedHttpServer server, GenerationOptions? options = null) =>
        new(Http, new RunwayOptions { ApiKey = "rw-test-key", BaseUrl = server.BaseUrl }, options ?? Options, NullLogger<RunwayVideoGenerator>.Instance);

    public VeoVideoGenerator Veo(CannedHttpServer server) =>
        new(Http, new VeoOptions { ApiKey = "veo-test-key", BaseUrl = server.BaseUrl }, Options, NullLogger<VeoVideoGenerator>.Instance);

    public VisualRequest Request(double seconds = 2, bool reference = false, string prompt = "a red fox runs through snow", int seed = 42, string shot = "s01") =>
        new(prompt, "fox snow", seed, VideoSize.Create(64, 112), seconds, 12, Root.Combine("ws", shot + ".mp4"))
        {
            ChannelId = "ch",
            RunId = "r1",
            ShotId = shot,
            ReferenceImage = reference ? ReferenceImage : null,
        };

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public CannedResponse VideoFile() => new(200, video.Mp4, "video/mp4");

    public static CannedResponse Json(object body, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        CannedResponse.Text(status, JsonSerializer.Serialize(body), headers: headers);

    public static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public void Dispose()
    {
        Http.Dispose();
        Root.Dispose();
    }
}

/// <summary>Records every progress report, synchronously and in order.</summary>
public sealed class RecordingProgress : IProgress<double>
{
    public ConcurrentQueue<double> Values { get; } = new();

    public void Report(double value) => Values.Enqueue(value);
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
