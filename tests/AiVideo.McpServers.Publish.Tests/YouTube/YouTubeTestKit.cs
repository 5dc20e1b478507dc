using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.McpServers.Publish.YouTube;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Publish.Tests.YouTube;

/// <summary>Builds a YouTube publisher (every part new, as a fresh server process would) against a <see cref="FakeYouTube"/>.</summary>
internal static class YouTubeTestKit
{
    public const string ClientSecret = "GOCSPX-client-secret-for-tests";
    public const string RefreshToken = "1//refresh-token-for-tests-0123";
    public const int Chunk = YouTubeOptions.ChunkUnit;

    public static YouTubeOptions Options(FakeYouTube fake) => new()
    {
        ClientId = "1234-test.apps.googleusercontent.com",
        ClientSecret = ClientSecret,
        RefreshToken = RefreshToken,
        TokenUrl = new Uri(fake.BaseUrl + "/token"),
        UploadUrl = new Uri(fake.BaseUrl + FakeYouTube.UploadPath),
        ApiBaseUrl = new Uri(fake.BaseUrl + "/youtube/v3"),
        ChunkSizeBytes = Chunk,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(20),
        ProcessingMaxWait = TimeSpan.FromSeconds(30),
        ProcessingPollInterval = TimeSpan.FromSeconds(2),
    };

    public static PlatformPostLedger Ledger(string outRoot) => new(PublishDatabase.PathFor(outRoot), TimeProvider.System);

    public static YouTubePublisher Publisher(YouTubeOptions options, string outRoot, TimeProvider time)
    {
        var database = PublishDatabase.PathFor(outRoot);
        var ledger = new PlatformPostLedger(database, time);
        var http = YouTubeServiceCollectionExtensions.CreateHttpClient();
        var tokens = new YouTubeTokenProvider(options, new ConfigTokenStore(options), http, time, NullLogger<YouTubeTokenProvider>.Instance);
        var upload = new YouTubeResumableUpload(options, tokens, http, time, NullLogger<YouTubeResumableUpload>.Instance);
        var processing = new YouTubeProcessingWatch(options, tokens, http, time, NullLogger<YouTubeProcessingWatch>.Instance);
        return new YouTubePublisher(options, ledger, new YouTubeUploadQuota(database, time), new YouTubeSessionSizes(database), upload, processing,
            new MediaProbe(new ProcessRunner()), time, NullLogger<YouTubePublisher>.Instance);
    }

    /// <summary>A real H.264 file of about 0.8 MB (lossless test pattern), so it takes several 256 KiB chunks.</summary>
    public static async Task<string> VideoAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await new ProcessRunner().RunCheckedAsync("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=240x426:r=30:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
             "-pix_fmt", "yuv420p", path],
            CancellationToken.None);
        return path;
    }

    /// <summary>The Content-Range of each data PUT a correct client sends for <paramref name="total"/> bytes from <paramref name="from"/>.</summary>
    public static IEnumerable<string> Ranges(long from, long total)
    {
        for (var a = from; a < total; a += Chunk) yield return $"bytes {a}-{Math.Min(a + Chunk, total) - 1}/{total}";
    }
}

/// <summary>A clock that stands still until told to move (the token cache's expiry is measured with it).</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
