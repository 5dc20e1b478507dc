using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>The webhook (n8n) publisher against a local fake receiver.</summary>
public class WebhookPublisherTests : IDisposable
{
    private static readonly PublishMetadata Metadata = new("Moon facts", "The Moon is leaving #space", ["#space", "#moon"], "space-facts");
    private readonly TempDirectory _dir = new("aivideo-webhook");
    private readonly CannedHttpServer _server = new(200, """{"id":"post-1","url":"https://social.example.test/p/1"}""");

    private string Out => _dir.Combine("out");

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    private async Task<PublishRequest> RequestAsync(string key = "key-1")
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        return new PublishRequest(PlatformNames.Webhook, video, Metadata, key);
    }

    private RecordedRequest[] Posts => _server.Requests.Where(r => r.Method == "POST").ToArray();

    [Fact]
    public async Task Publish_JsonMode_PostsTheDocumentedSignedBody_AndReturnsTheReceipt()
    {
        var request = await RequestAsync();
        var receipt = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request, default);

        var post = Assert.Single(Posts);
        Assert.Equal(WebhookTestKit.HookPath, post.Path);
        Assert.StartsWith("application/json", post.Headers["Content-Type"]);
        Assert.Equal("key-1", post.Headers["Idempotency-Key"]);
        var timestamp = post.Headers["X-AiVideo-Timestamp"];
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
        Assert.Equal(WebhookTestKit.ExpectedSignature(timestamp, post.BodyBytes), post.Headers["X-AiVideo-Signature"]);

        using var body = JsonDocument.Parse(post.BodyBytes);
        var root = body.RootElement;
        Assert.Equal(["idempotencyKey", "platform", "channelId", "title", "caption", "hashtags", "video"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("key-1", root.GetProperty("idempotencyKey").GetString());
        Assert.Equal("webhook", root.GetProperty("platform").GetString());
        Assert.Equal("space-facts", root.GetProperty("channelId").GetString());
        Assert.Equal("Moon facts", root.GetProperty("title").GetString());
        Assert.Equal(["#space", "#moon"], root.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        var video = root.GetProperty("video");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(request.VideoPath)));
        Assert.Equal(sha, video.GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(request.VideoPath).Length, video.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(1.0, video.GetProperty("durationSec").GetDouble(), 1);
        Assert.Equal($"https://media.example.test/aivideo/{sha}.mp4", video.GetProperty("url").GetString());
        // The URL points at a copy the operator serves from <out>/webhook-media/.
        Assert.Equal(File.ReadAllBytes(request.VideoPath), File.ReadAllBytes(Path.Combine(Out, "webhook-media", sha + ".mp4")));

        Assert.Equal("post-1", receipt.ExternalId);
        Assert.Equal("https://social.example.test/p/1", receipt.Location);
        Assert.Equal("published", receipt.Status);
        Assert.False(receipt.Duplicate);
        Assert.Equal(PlatformPostState.Live, WebhookTestKit.Ledger(Out).Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_MultipartMode_SendsMetadataPartAndTheFile_SignedOverTheMetadataPart()
    {
        var request = await RequestAsync();
        await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out, WebhookMode.Multipart), Out).PublishAsync(request, default);

        var post = Assert.Single(Posts);
        Assert.StartsWith("multipart/form-data", post.Headers["Content-Type"]);
        var parts = WebhookTestKit.MultipartParts(post);
        Assert.Equal(["metadata", "video"], parts.Keys.Order());
        var metadata = parts["metadata"].Bytes;
        Assert.Equal(WebhookTestKit.ExpectedSignature(post.Headers["X-AiVideo-Timestamp"], metadata), post.Headers["X-AiVideo-Signature"]);
        using var json = JsonDocument.Parse(metadata);
        Assert.Equal("key-1", json.RootElement.GetProperty("idempotencyKey").GetString());
        Assert.False(json.RootElement.GetProperty("video").TryGetProperty("url", out _));
        Assert.Contains("filename=\"video.mp4\"", parts["video"].Headers);
        Assert.Contains("video/mp4", parts["video"].Headers);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), parts["video"].Bytes);
        Assert.False(Directory.Exists(Path.Combine(Out, "webhook-media")));
    }

    [Fact]
    public async Task Publish_Accepted202_RecordsTheStatusUrl_PollsItUntilPublished()
    {
        var polls = 0;
        var ledger = WebhookTestKit.Ledger(Out);
        string? recordedBeforePolling = null;
        _server.Sequence.Enqueue((202, """{"statusUrl":"/status/abc"}"""));
        _server.Handler = r =>
        {
            recordedBeforePolling ??= ledger.Find("key-1")?.StatusUrl;
            return ++polls < 3 ? (200, """{"status":"processing"}""") : (200, """{"status":"published","id":"p-9","url":"https://social.example.test/p/9"}""");
        };
        var time = new InstantDelays();

        var receipt = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out, time).PublishAsync(await RequestAsync(), default);

        Assert.Equal("p-9", receipt.ExternalId);
        Assert.Equal("https://social.example.test/p/9", receipt.Location);
        Assert.Equal($"{_server.BaseUrl}/status/abc", recordedBeforePolling);
        var gets = _server.Requests.Where(r => r.Method == "GET").ToArray();
        Assert.Equal(3, gets.Length);
        Assert.All(gets, g => Assert.Equal("/status/abc", g.Path));
        Assert.All(gets, g => Assert.Equal(WebhookTestKit.ExpectedSignature(g.Headers["X-AiVideo-Timestamp"], []), g.Headers["X-AiVideo-Signature"]));
        Assert.Single(Posts);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], time.Delays);
        Assert.Equal(PlatformPostState.Live, ledger.Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_Accepted202WithLocationHeader_FollowsTheLocation()
    {
        _server.Sequence.Enqueue((202, ""));
        _server.ResponseHeaders = (r, status) => status == 202 ? new Dictionary<string, string> { ["Location"] = "/executions/77" } : new Dictionary<string, string>();
        _server.Handler = r => (200, """{"status":"published","id":"p-77"}""");

        var receipt = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(await RequestAsync(), default);

        Assert.Equal("p-77", receipt.ExternalId);
        Assert.Equal("/executions/77", _server.Requests.Last().Path);
    }

    [Fact]
    public async Task Publish_StatusSaysFailed_PermanentErrorWithTheReason_AndNothingLive()
    {
        _server.Sequence.Enqueue((202, """{"statusUrl":"/status/x"}"""));
        _server.Handler = r => (200, """{"status":"failed","reason":"video rejected: too short for the account"}""");
        var publisher = WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out);

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(async () => await publisher.PublishAsync(await RequestAsync(), default));

        Assert.Contains("video rejected: too short for the account", ex.Message);
        Assert.Equal(PlatformPostState.Failed, WebhookTestKit.Ledger(Out).Find("key-1")!.State);
        Assert.Null(await publisher.FindAsync("key-1", default));
    }

    [Fact]
    public async Task Publish_429WithRetryAfter_WaitsTheAskedTimeThenSucceeds()
    {
        _server.Sequence.Enqueue((429, """{"message":"slow down"}"""));
        _server.ResponseHeaders = (r, status) => status == 429 ? new Dictionary<string, string> { ["Retry-After"] = "7" } : new Dictionary<string, string>();
        var time = new InstantDelays();

        var receipt = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out, time).PublishAsync(await RequestAsync(), default);

        Assert.Equal("post-1", receipt.ExternalId);
        Assert.Equal(2, Posts.Length);
        Assert.Equal([TimeSpan.FromSeconds(7)], time.Delays);
        Assert.All(Posts, p => Assert.Equal("key-1", p.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task Publish_ServerErrorEveryTime_RetriesWithBackoffThenTransientError_IntentLeftPending()
    {
        _server.Status = 503;
        _server.Body = """{"message":"n8n is restarting"}""";
        var time = new InstantDelays();
        var options = WebhookTestKit.Options(_server, Out);
        options.MaxRetries = 2;

        var ex = await Assert.ThrowsAsync<TransientProviderException>(async () =>
            await WebhookTestKit.Publisher(options, Out, time).PublishAsync(await RequestAsync(), default));

        Assert.Contains("503 after 3 attempts", ex.Message);
        Assert.Contains("n8n is restarting", ex.Message);
        Assert.Equal(3, Posts.Length);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.Delays);
        Assert.Equal(PlatformPostState.Pending, WebhookTestKit.Ledger(Out).Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_Unauthorized_PermanentErrorNamingTheSetting_NeverTheSecret_NoRetry()
    {
        _server.Status = 401;
        _server.Body = $$"""{"message":"signature check failed for secret {{WebhookTestKit.Secret}}"}""";

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(async () =>
            await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(await RequestAsync(), default));

        Assert.StartsWith("webhook answered 401: check Publish:Webhook:Secret", ex.Message);
        Assert.DoesNotContain(WebhookTestKit.Secret, ex.Message);
        Assert.Single(Posts);
        var post = WebhookTestKit.Ledger(Out).Find("key-1")!;
        Assert.Equal(PlatformPostState.Failed, post.State);
        Assert.DoesNotContain(WebhookTestKit.Secret, post.FailureReason);
    }

    [Fact]
    public async Task Publish_NotFound_PermanentErrorPointingAtTheUrl()
    {
        _server.Status = 404;
        _server.Body = """{"code":404,"message":"The requested webhook \"POST aivideo-publish\" is not registered."}""";

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(async () =>
            await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(await RequestAsync(), default));

        Assert.Contains("check Publish:Webhook:Url", ex.Message);
        Assert.Contains("is not registered", ex.Message);
        Assert.Single(Posts);
    }

    [Fact]
    public async Task Publish_SameKeyAgainFromANewInstance_ReturnsTheFirstReceipt_WithoutASecondPost()
    {
        var request = await RequestAsync();
        var first = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request, default);
        var second = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request with { Metadata = Metadata with { Title = "Other" } }, default);

        Assert.True(second.Duplicate);
        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Equal(first.Location, second.Location);
        Assert.Single(Posts);
    }

    [Fact]
    public async Task Find_AfterACrashWithTheStatusUrlRecorded_AsksItOnce_AndPublishingAgainSendsNothing()
    {
        // What a process killed while polling leaves behind: the intent, pending, with the receiver's status URL.
        var request = await RequestAsync();
        var ledger = WebhookTestKit.Ledger(Out);
        ledger.Begin("key-1", PlatformNames.Webhook, WebhookPublisher.ProviderName, "space-facts", "sha");
        ledger.RecordHandle("key-1", null, $"{_server.BaseUrl}/status/k1");
        _server.Handler = r => (200, """{"status":"published","id":"p-1","url":"https://social.example.test/p/1"}""");
        var publisher = WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out);

        var found = await publisher.FindAsync("key-1", default);
        var again = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request, default);

        Assert.Equal("p-1", found!.ExternalId);
        Assert.True(again.Duplicate);
        Assert.Equal("p-1", again.ExternalId);
        var only = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "/status/k1"), (only.Method, only.Path));
    }

    [Fact]
    public async Task Publish_AfterACrashWhilePolling_FollowsTheRecordedStatusUrl_InsteadOfPostingAgain()
    {
        var request = await RequestAsync();
        var ledger = WebhookTestKit.Ledger(Out);
        ledger.Begin("key-1", PlatformNames.Webhook, WebhookPublisher.ProviderName, "space-facts", "sha");
        ledger.RecordHandle("key-1", "exec-5", $"{_server.BaseUrl}/status/k1");
        var polls = 0;
        _server.Handler = r => ++polls < 2 ? (200, """{"status":"processing"}""") : (200, """{"status":"published"}""");

        var receipt = await WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request, default);

        Assert.Equal("exec-5", receipt.ExternalId);
        Assert.Empty(Posts);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Publish_StatusNeverSettles_TransientErrorAfterMaxWait_AndFindStillAsks()
    {
        _server.Sequence.Enqueue((202, """{"statusUrl":"/status/slow"}"""));
        _server.Handler = r => (200, """{"status":"processing"}""");
        var options = WebhookTestKit.Options(_server, Out);
        options.MaxWait = TimeSpan.FromSeconds(10);
        var publisher = WebhookTestKit.Publisher(options, Out);

        var ex = await Assert.ThrowsAsync<TransientProviderException>(async () => await publisher.PublishAsync(await RequestAsync(), default));
        var gets = _server.Requests.Count(r => r.Method == "GET");
        var found = await publisher.FindAsync("key-1", default);

        Assert.Contains("not confirmed within 10 s", ex.Message);
        Assert.InRange(gets, 5, 6); // every 2 s over 10 s of (skipped) time
        Assert.Null(found);
        Assert.Equal(gets + 1, _server.Requests.Count(r => r.Method == "GET"));
        Assert.Equal(PlatformPostState.Pending, WebhookTestKit.Ledger(Out).Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_NoAnswerWithinTimeout_LeavesThePostPending_AndARetrySendsTheSameIdempotencyKey()
    {
        var calls = 0;
        _server.Handler = r =>
        {
            if (Interlocked.Increment(ref calls) == 1) Thread.Sleep(1500); // the answer arrives after the publisher gave up
            return (200, """{"id":"post-2"}""");
        };
        var options = WebhookTestKit.Options(_server, Out);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<TransientProviderException>(() => WebhookTestKit.Publisher(options, Out).PublishAsync(request, default));
        var pending = WebhookTestKit.Ledger(Out).Find("key-1")!;
        var found = await WebhookTestKit.Publisher(options, Out).FindAsync("key-1", default);
        options.Timeout = TimeSpan.FromSeconds(20);
        var receipt = await WebhookTestKit.Publisher(options, Out).PublishAsync(request, default);

        Assert.Contains("may have landed", ex.Message);
        Assert.Equal(PlatformPostState.Pending, pending.State);
        Assert.Null(found);
        Assert.Equal("post-2", receipt.ExternalId);
        Assert.Equal(2, Posts.Length);
        Assert.All(Posts, p => Assert.Equal("key-1", p.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task Publish_ReceiverUnreachable_RetriesThenTransientError()
    {
        var options = WebhookTestKit.Options(_server, Out);
        options.Url = new Uri("http://127.0.0.1:9/webhook/aivideo-publish"); // discard port: nothing listens
        options.MaxRetries = 1;
        var time = new InstantDelays();

        var ex = await Assert.ThrowsAsync<TransientProviderException>(async () =>
            await WebhookTestKit.Publisher(options, Out, time).PublishAsync(await RequestAsync(), default));

        Assert.Single(time.Delays);
        Assert.DoesNotContain(WebhookTestKit.Secret, ex.Message);
    }

    [Fact]
    public async Task Publish_OtherPlatform_IsRefused()
    {
        var request = await RequestAsync();
        await Assert.ThrowsAsync<AiVideo.Core.InvalidInputException>(() =>
            WebhookTestKit.Publisher(WebhookTestKit.Options(_server, Out), Out).PublishAsync(request with { Platform = PlatformNames.TikTok }, default));
        Assert.Empty(_server.Requests);
    }
}
