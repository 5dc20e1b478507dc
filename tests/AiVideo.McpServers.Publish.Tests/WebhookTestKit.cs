using System.Security.Cryptography;
using System.Text;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>Builds webhook publishers against a fake receiver, and checks signatures the way a receiver would.</summary>
internal static class WebhookTestKit
{
    public const string Secret = "s3cret-for-tests-0123456789";
    public const string HookPath = "/webhook/aivideo-publish";

    public static WebhookOptions Options(CannedHttpServer server, string outRoot, WebhookMode mode = WebhookMode.Json) => new()
    {
        Url = new Uri(server.BaseUrl + HookPath),
        Secret = Secret,
        Mode = mode,
        PublicBaseUrl = new Uri("https://media.example.test/aivideo/"),
        MediaDirectory = Path.Combine(outRoot, "webhook-media"),
        StatusPollInterval = TimeSpan.FromSeconds(2),
        MaxWait = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(20),
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
    };

    public static PlatformPostLedger Ledger(string outRoot) => new(Storage.PublishDatabase.PathFor(outRoot), TimeProvider.System);

    public static WebhookPublisher Publisher(WebhookOptions options, string outRoot, TimeProvider? time = null) => new(
        options, Ledger(outRoot), new MediaProbe(new ProcessRunner()), new HttpClient(), time ?? new InstantDelays(),
        NullLogger<WebhookPublisher>.Instance);

    /// <summary>What a receiver computes: sha256=hex(HMAC-SHA256(secret, "&lt;timestamp&gt;." + bytes)), written here independently.</summary>
    public static string ExpectedSignature(string timestamp, byte[] signedBytes)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var message = Encoding.UTF8.GetBytes(timestamp + ".").Concat(signedBytes).ToArray();
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(message)).ToLowerInvariant();
    }

    /// <summary>The parts of a multipart/form-data body: name → (headers, bytes).</summary>
    public static Dictionary<string, (string Headers, byte[] Bytes)> MultipartParts(RecordedRequest request)
    {
        var contentType = request.Headers["Content-Type"];
        var boundary = contentType[(contentType.IndexOf("boundary=", StringComparison.Ordinal) + "boundary=".Length)..].Trim('"');
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var body = request.BodyBytes;
        var parts = new Dictionary<string, (string, byte[])>();
        var starts = new List<int>();
        for (var i = IndexOf(body, delimiter, 0); i >= 0; i = IndexOf(body, delimiter, i + delimiter.Length)) starts.Add(i);
        for (var p = 0; p + 1 < starts.Count; p++)
        {
            var from = starts[p] + delimiter.Length + 2; // CRLF after the delimiter
            var to = starts[p + 1] - 2;                   // CRLF before the next one
            var split = IndexOf(body, "\r\n\r\n"u8.ToArray(), from);
            var headers = Encoding.ASCII.GetString(body, from, split - from);
            var name = headers.Split("name=")[1].Split(';', '\r')[0].Trim('"');
            parts[name] = (headers, body[(split + 4)..to]);
        }
        return parts;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        return -1;
    }
}

/// <summary>
/// The system clock, except that every delay it is asked for is recorded, fires at once and moves this clock forward
/// by its length (so deadlines measured with it behave as if the time had passed).
/// </summary>
internal sealed class InstantDelays : TimeProvider
{
    private TimeSpan _skipped;

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (Delays) return System.GetUtcNow() + _skipped;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (Delays)
        {
            Delays.Add(dueTime);
            if (dueTime > TimeSpan.Zero) _skipped += dueTime;
        }
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
