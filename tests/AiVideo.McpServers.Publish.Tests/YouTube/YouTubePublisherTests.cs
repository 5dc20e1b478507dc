using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.McpServers.Publish.YouTube;
using AiVideo.Testing;

namespace AiVideo.McpServers.Publish.Tests.YouTube;

/// <summary>The YouTube Shorts publisher against a local fake of the token endpoint and the resumable upload.</summary>
public class YouTubePublisherTests : IDisposable
{
    private static readonly PublishMetadata Metadata = new("Why the Moon drifts away", "The Moon is leaving us #space", ["#space", "#moon", "science"], "space-facts");
    private readonly TempDirectory _dir = new("aivideo-youtube");
    private readonly FakeYouTube _fake = new();

    private string Out => _dir.Combine("out");

    public void Dispose()
    {
        _fake.Dispose();
        _dir.Dispose();
    }

    private async Task<PublishRequest> RequestAsync(string key = "key-1") =>
        new(PlatformNames.YouTubeShorts, await YouTubeTestKit.VideoAsync(_dir.Combine("v.mp4")), Metadata, key);

    private YouTubePublisher Publisher(Action<YouTubeOptions>? tweak = null, TimeProvider? time = null)
    {
        var options = YouTubeTestKit.Options(_fake);
        tweak?.Invoke(options);
        return YouTubeTestKit.Publisher(options, Out, time ?? new InstantDelays());
    }

    private static string[] Ranges(IEnumerable<FakeRequest> puts) => puts.Select(p => p.Header("Content-Range")!).ToArray();

    [Fact]
    public async Task Publish_SendsTheDocumentedRequests_ChunkByChunk_AndReturnsTheShortsReceipt()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        Assert.True(size > 2 * YouTubeTestKit.Chunk, $"fixture too small: {size}");

        var receipt = await Publisher().PublishAsync(request, default);

        var token = Assert.Single(_fake.TokenRequests);
        var form = System.Web.HttpUtility.ParseQueryString(System.Text.Encoding.UTF8.GetString(token.Body));
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal(YouTubeTestKit.RefreshToken, form["refresh_token"]);
        Assert.Equal(YouTubeTestKit.ClientSecret, form["client_secret"]);
        Assert.Equal("1234-test.apps.googleusercontent.com", form["client_id"]);

        var post = Assert.Single(_fake.SessionPosts);
        Assert.Equal("?uploadType=resumable&part=snippet,status", post.Query);
        Assert.Equal("Bearer at-1", post.Header("Authorization"));
        Assert.Equal("video/mp4", post.Header("X-Upload-Content-Type"));
        Assert.Equal(size.ToString(), post.Header("X-Upload-Content-Length"));
        Assert.StartsWith("application/json", post.Header("Content-Type"));
        using var json = JsonDocument.Parse(post.Body);
        var snippet = json.RootElement.GetProperty("snippet");
        Assert.Equal("Why the Moon drifts away", snippet.GetProperty("title").GetString());
        Assert.Equal("The Moon is leaving us #space\n\n#moon #science", snippet.GetProperty("description").GetString());
        Assert.Equal(["space", "moon", "science"], snippet.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("28", snippet.GetProperty("categoryId").GetString());
        var status = json.RootElement.GetProperty("status");
        Assert.Equal("private", status.GetProperty("privacyStatus").GetString());
        Assert.False(status.GetProperty("selfDeclaredMadeForKids").GetBoolean());
        Assert.False(status.TryGetProperty("containsSyntheticMedia", out _));

        Assert.Equal(YouTubeTestKit.Ranges(0, size), Ranges(_fake.DataPuts));
        Assert.All(_fake.Puts, p => Assert.Equal("Bearer at-1", p.Header("Authorization")));
        Assert.All(_fake.Puts, p => Assert.Contains("upload_id=s1", p.Query));
        Assert.Empty(_fake.StatusQueries);

        var video = Assert.Single(_fake.Videos);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), video.Bytes);
        Assert.Equal("vid-1", receipt.ExternalId);
        Assert.Equal("https://youtube.com/shorts/vid-1", receipt.Location);
        Assert.Equal("published", receipt.Status);
        Assert.False(receipt.Duplicate);
        var recorded = YouTubeTestKit.Ledger(Out).Find("key-1")!;
        Assert.Equal(PlatformPostState.Live, recorded.State);
        Assert.Equal("youtube", recorded.Provider);
        Assert.Contains("upload_id=s1", recorded.Handle);
    }

    [Fact]
    public async Task Publish_SameKeyAgain_ReturnsTheFirstReceipt_WithoutCallingYouTube()
    {
        var request = await RequestAsync();
        var first = await Publisher().PublishAsync(request, default);
        var before = _fake.Requests.Count;

        var again = await Publisher().PublishAsync(request, default);

        Assert.Equal(before, _fake.Requests.Count);
        Assert.True(again.Duplicate);
        Assert.Equal(first.ExternalId, again.ExternalId);
        Assert.Single(_fake.Videos);
    }

    [Fact]
    public async Task AccessToken_IsCachedUntilAMinuteBeforeExpiry_ThenRefreshed()
    {
        var request = await RequestAsync();
        var clock = new ManualClock();
        var publisher = Publisher(time: clock);

        await publisher.PublishAsync(request with { IdempotencyKey = "a" }, default);
        clock.Now += TimeSpan.FromSeconds(3600 - 61);
        await publisher.PublishAsync(request with { IdempotencyKey = "b" }, default);
        Assert.Single(_fake.TokenRequests);

        clock.Now += TimeSpan.FromSeconds(2);
        await publisher.PublishAsync(request with { IdempotencyKey = "c" }, default);

        Assert.Equal(2, _fake.TokenRequests.Length);
        Assert.Equal("Bearer at-2", _fake.Puts.Last().Header("Authorization"));
    }

    [Fact]
    public async Task Publish_ConnectionDroppedMidChunk_ResumesFromTheServersRange_NotFromZero()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        _fake.Faults = i => i == 1 ? ChunkFault.DropAfterHalf : ChunkFault.None;

        await Publisher().PublishAsync(request, default);

        var kept = YouTubeTestKit.Chunk + YouTubeTestKit.Chunk / 2;
        var query = Assert.Single(_fake.StatusQueries);
        Assert.Equal($"bytes */{size}", query.Header("Content-Range"));
        var expected = YouTubeTestKit.Ranges(0, size).Take(2).Concat(YouTubeTestKit.Ranges(kept, size));
        Assert.Equal(expected, Ranges(_fake.DataPuts));
        Assert.Single(_fake.DataPuts, p => p.Header("Content-Range")!.StartsWith("bytes 0-"));
        Assert.Equal(0, _fake.MisplacedChunks);
        Assert.Equal(size + YouTubeTestKit.Chunk - YouTubeTestKit.Chunk / 2, _fake.DataPuts.Sum(p => (long)p.Body.Length));
        Assert.Equal(File.ReadAllBytes(request.VideoPath), Assert.Single(_fake.Videos).Bytes);
        Assert.Single(_fake.SessionPosts);
    }

    [Fact]
    public async Task Publish_308WithAShorterRange_ContinuesFromRangePlusOne()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        _fake.Faults = i => i == 0 ? ChunkFault.AcceptHalf : ChunkFault.None;

        await Publisher().PublishAsync(request, default);

        Assert.Equal(YouTubeTestKit.Ranges(0, size).Take(1).Concat(YouTubeTestKit.Ranges(YouTubeTestKit.Chunk / 2, size)), Ranges(_fake.DataPuts));
        Assert.Empty(_fake.StatusQueries);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), Assert.Single(_fake.Videos).Bytes);
    }

    [Fact]
    public async Task Publish_503OnChunks_BacksOffExponentially_AsksTheSession_ThenCompletes()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        _fake.Faults = i => i is 1 or 2 ? ChunkFault.ServiceUnavailable : ChunkFault.None;
        var clock = new InstantDelays();

        await Publisher(time: clock).PublishAsync(request, default);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], clock.Delays.Where(d => d > TimeSpan.Zero));
        Assert.Equal(2, _fake.StatusQueries.Length);
        var second = $"bytes {YouTubeTestKit.Chunk}-{2 * YouTubeTestKit.Chunk - 1}/{size}";
        Assert.Equal(3, Ranges(_fake.DataPuts).Count(r => r == second));
        Assert.Equal(File.ReadAllBytes(request.VideoPath), Assert.Single(_fake.Videos).Bytes);
    }

    [Fact]
    public async Task Publish_503Persisting_StopsAfterTheRetries_KeepsTheSessionPending()
    {
        var request = await RequestAsync();
        _fake.Faults = i => i >= 1 ? ChunkFault.ServiceUnavailable : ChunkFault.None;

        var error = await Assert.ThrowsAsync<TransientProviderException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains($"stopped at byte {YouTubeTestKit.Chunk}", error.Message);
        Assert.Equal(4, _fake.DataPuts.Length - 1);
        var post = YouTubeTestKit.Ledger(Out).Find("key-1")!;
        Assert.Equal(PlatformPostState.Pending, post.State);
        Assert.Contains("upload_id=s1", post.Handle);
    }

    [Fact]
    public async Task Publish_403QuotaExceeded_PermanentErrorSaysQuota_NoBytesSent_IntentFailed()
    {
        var request = await RequestAsync();
        _fake.InsertAnswer = (403, """
            {"error":{"code":403,"message":"The request cannot be completed because you have exceeded your quota.","errors":[{"message":"The request cannot be completed because you have exceeded your quota.","domain":"youtube.quota","reason":"quotaExceeded"}]}}
            """);

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.StartsWith("quota: ", error.Message);
        Assert.Contains("quotaExceeded", error.Message);
        Assert.Empty(_fake.Puts);
        Assert.Single(_fake.SessionPosts);
        Assert.Equal(PlatformPostState.Failed, YouTubeTestKit.Ledger(Out).Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_OtherClientError_PermanentWithYouTubesReasonAndMessage()
    {
        var request = await RequestAsync();
        _fake.InsertAnswer = (400, """{"error":{"code":400,"message":"The request metadata specifies an invalid video title.","errors":[{"reason":"invalidTitle"}]}}""");

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Equal("youtube refused starting the upload (400 invalidTitle: The request metadata specifies an invalid video title.)", error.Message);
        Assert.Empty(_fake.Puts);
    }

    [Fact]
    public async Task Publish_401_RefreshesTheTokenOnce_AndCompletes()
    {
        var request = await RequestAsync();
        _fake.RefuseBearer = 1;

        await Publisher().PublishAsync(request, default);

        Assert.Equal(2, _fake.TokenRequests.Length);
        Assert.Equal("Bearer at-2", Assert.Single(_fake.SessionPosts, p => p.Header("Authorization") == "Bearer at-2").Header("Authorization"));
        Assert.Single(_fake.Videos);
    }

    [Fact]
    public async Task Publish_401Twice_PermanentError_NamesNoSecret()
    {
        var request = await RequestAsync();
        _fake.RefuseBearer = 2;

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains("401", error.Message);
        Assert.Contains("youtube.upload", error.Message);
        Assert.DoesNotContain(YouTubeTestKit.RefreshToken, error.Message);
        Assert.DoesNotContain(YouTubeTestKit.ClientSecret, error.Message);
        Assert.DoesNotContain("at-1", error.Message);
        Assert.DoesNotContain("at-2", error.Message);
        Assert.Equal(2, _fake.TokenRequests.Length);
        Assert.Empty(_fake.Videos);
    }

    [Fact]
    public async Task Crash_AfterTheLastChunkLanded_FindPublicationReconcilesToLive_WithOneUpload()
    {
        var request = await RequestAsync();
        var chunks = (int)Math.Ceiling(new FileInfo(request.VideoPath).Length / (double)YouTubeTestKit.Chunk);
        _fake.Faults = i => i == chunks - 1 ? ChunkFault.KeepAllThenDrop : ChunkFault.None;
        await Assert.ThrowsAsync<TransientProviderException>(() => Publisher(o => o.MaxRetries = 0).PublishAsync(request, default));
        Assert.Equal(PlatformPostState.Pending, YouTubeTestKit.Ledger(Out).Find("key-1")!.State);

        // A new server process: nothing in memory, only publish.db.
        var found = await Publisher().FindAsync("key-1", default);

        Assert.NotNull(found);
        Assert.Equal("vid-1", found.ExternalId);
        Assert.Equal("https://youtube.com/shorts/vid-1", found.Location);
        Assert.Equal(PlatformPostState.Live, YouTubeTestKit.Ledger(Out).Find("key-1")!.State);
        var again = await Publisher().PublishAsync(request, default);
        Assert.True(again.Duplicate);
        Assert.Single(_fake.SessionPosts);
        Assert.Single(_fake.Videos);
    }

    [Fact]
    public async Task Crash_MidUpload_FindSaysNotYet_ThenPublishResumesTheSameSessionFromItsRange()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        _fake.Faults = i => i == 1 ? ChunkFault.DropAfterHalf : ChunkFault.None;
        await Assert.ThrowsAsync<TransientProviderException>(() => Publisher(o => o.MaxRetries = 0).PublishAsync(request, default));
        var kept = _fake.Received("s1");
        Assert.Equal(YouTubeTestKit.Chunk + YouTubeTestKit.Chunk / 2, kept);
        var sentBeforeCrash = _fake.DataPuts.Length;

        Assert.Null(await Publisher().FindAsync("key-1", default));
        var receipt = await Publisher().PublishAsync(request, default);

        Assert.Single(_fake.SessionPosts);
        Assert.Equal(YouTubeTestKit.Ranges(kept, size), Ranges(_fake.DataPuts.Skip(sentBeforeCrash)));
        Assert.Equal(0, _fake.MisplacedChunks);
        var video = Assert.Single(_fake.Videos);
        Assert.Equal("s1", video.SessionId);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), video.Bytes);
        Assert.Equal("vid-1", receipt.ExternalId);
        Assert.False(receipt.Duplicate);
    }

    [Fact]
    public async Task Crash_ThenSessionExpired_FindSaysNothing_PublishStartsANewSession_OneVideo()
    {
        var request = await RequestAsync();
        _fake.Faults = i => i == 1 ? ChunkFault.DropAfterHalf : ChunkFault.None;
        await Assert.ThrowsAsync<TransientProviderException>(() => Publisher(o => o.MaxRetries = 0).PublishAsync(request, default));
        _fake.Expire("s1");

        Assert.Null(await Publisher().FindAsync("key-1", default));
        await Publisher().PublishAsync(request, default);

        Assert.Equal(2, _fake.SessionPosts.Length);
        var video = Assert.Single(_fake.Videos);
        Assert.Equal("s2", video.SessionId);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), video.Bytes);
        Assert.Contains("upload_id=s2", YouTubeTestKit.Ledger(Out).Find("key-1")!.Handle);
    }

    [Fact]
    public async Task DailyUploadQuota_UsedUp_RefusedBeforeCallingYouTube()
    {
        var request = await RequestAsync();
        var publisher = Publisher(o => o.DailyUploadQuota = 1);
        await publisher.PublishAsync(request with { IdempotencyKey = "a" }, default);

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => publisher.PublishAsync(request with { IdempotencyKey = "b" }, default));

        Assert.StartsWith("quota: ", error.Message);
        Assert.Contains("DailyUploadQuota = 1", error.Message);
        Assert.Single(_fake.SessionPosts);
        Assert.Equal(PlatformPostState.Failed, YouTubeTestKit.Ledger(Out).Find("b")!.State);
    }

    [Fact]
    public async Task Publish_WaitsForProcessing_PollingTheVideosStatus_ThenPublished()
    {
        var request = await RequestAsync();
        _fake.Processing.Enqueue("uploaded");
        _fake.Processing.Enqueue("uploaded");
        _fake.Processing.Enqueue("processed");
        var clock = new InstantDelays();

        var receipt = await Publisher(time: clock).PublishAsync(request, default);

        Assert.Equal(3, _fake.VideoQueries.Length);
        Assert.All(_fake.VideoQueries, q => Assert.Equal("?part=status,processingDetails&id=vid-1", q.Query));
        Assert.All(_fake.VideoQueries, q => Assert.Equal("Bearer at-1", q.Header("Authorization")));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], clock.Delays.Where(d => d > TimeSpan.Zero));
        Assert.Equal("published", receipt.Status);
    }

    [Fact]
    public async Task Publish_ProcessingNeverEnds_StopsAtTheBound_RecordsItUploaded()
    {
        var request = await RequestAsync();
        for (var i = 0; i < 100; i++) _fake.Processing.Enqueue("uploaded");

        var receipt = await Publisher(o => o.ProcessingMaxWait = TimeSpan.FromSeconds(9)).PublishAsync(request, default);

        Assert.Equal(5, _fake.VideoQueries.Length);
        Assert.Equal("uploaded", receipt.Status);
        Assert.Equal(PlatformPostState.Live, YouTubeTestKit.Ledger(Out).Find("key-1")!.State);
    }

    [Fact]
    public async Task Publish_ProcessingRejected_PermanentErrorWithTheReason_IntentFailed()
    {
        var request = await RequestAsync();
        _fake.Processing.Enqueue("rejected:duplicate");

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains("vid-1 is rejected (duplicate)", error.Message);
        Assert.Equal(PlatformPostState.Failed, YouTubeTestKit.Ledger(Out).Find("key-1")!.State);
    }
}
