using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.McpServers.Publish.Tests.YouTube;
using AiVideo.McpServers.Publish.TikTok;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Publish.Tests.TikTok;

/// <summary>The TikTok publisher against a local stateful fake of the token endpoint and the Content Posting API.</summary>
public class TikTokPublisherTests : IDisposable
{
    private const int Chunk = 256 * 1024;
    private static readonly PublishMetadata Metadata = new("Why the Moon drifts away", "The Moon is leaving us #space", ["#space", "moon"], "space-facts");
    private readonly TempDirectory _dir = new("aivideo-tiktok");
    private readonly FakeTikTok _fake = new();

    private string Out => _dir.Combine("out");

    public void Dispose()
    {
        _fake.Dispose();
        _dir.Dispose();
    }

    private async Task<PublishRequest> RequestAsync(string key = "key-1") =>
        new(PlatformNames.TikTok, await YouTubeTestKit.VideoAsync(_dir.Combine("v.mp4")), Metadata, key);

    private TikTokPublisher Publisher(Action<TikTokOptions>? tweak = null)
    {
        var options = new TikTokOptions
        {
            ClientKey = "aw-client-key",
            ClientSecret = "tiktok-client-secret-for-tests",
            RefreshToken = "rft.refresh-token-for-tests",
            TokenUrl = new Uri(_fake.BaseUrl + FakeTikTok.TokenPath),
            ApiBaseUrl = new Uri(_fake.BaseUrl),
            ChunkSizeBytes = Chunk,
            MaxRetries = 2,
            StatusPollInterval = TimeSpan.FromSeconds(5),
            MaxWait = TimeSpan.FromMinutes(2),
            Timeout = TimeSpan.FromSeconds(20),
        };
        tweak?.Invoke(options);
        var time = new InstantDelays();
        var http = TikTokServiceCollectionExtensions.CreateHttpClient();
        var tokens = new TikTokTokenProvider(options, new ConfigTikTokTokenStore(options), http, time, NullLogger<TikTokTokenProvider>.Instance);
        var api = new TikTokApi(options, tokens, http, time, NullLogger<TikTokApi>.Instance);
        return new TikTokPublisher(options, new PlatformPostLedger(PublishDatabase.PathFor(Out), time), api, new MediaProbe(new ProcessRunner()), time,
            NullLogger<TikTokPublisher>.Instance);
    }

    private static IEnumerable<string> Ranges(long total)
    {
        var chunks = TikTokChunks.For(total, Chunk);
        for (var i = 0; i < chunks.Count; i++)
        {
            var (from, to) = chunks.Range(i);
            yield return $"bytes {from}-{to}/{total}";
        }
    }

    [Fact]
    public async Task Inbox_SendsTheDocumentedRequests_ChunkByChunk_AndReturnsAnInboxReceipt()
    {
        var request = await RequestAsync();
        var size = new FileInfo(request.VideoPath).Length;
        Assert.True(size > 3 * Chunk, $"fixture too small: {size}");

        var receipt = await Publisher().PublishAsync(request, default);

        var token = Assert.Single(_fake.On(FakeTikTok.TokenPath));
        Assert.StartsWith("application/x-www-form-urlencoded", token.Headers["Content-Type"]);
        var form = System.Web.HttpUtility.ParseQueryString(token.Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("rft.refresh-token-for-tests", form["refresh_token"]);
        Assert.Equal("aw-client-key", form["client_key"]);
        Assert.Equal("tiktok-client-secret-for-tests", form["client_secret"]);

        Assert.Empty(_fake.On(TikTokApi.CreatorInfoPath));
        Assert.Empty(_fake.On(TikTokApi.DirectInitPath));
        var init = Assert.Single(_fake.On(TikTokApi.InboxInitPath));
        Assert.Equal("POST", init.Method);
        Assert.Equal("Bearer act.1", init.Headers["Authorization"]);
        Assert.StartsWith("application/json", init.Headers["Content-Type"]);
        using var json = JsonDocument.Parse(init.Body);
        Assert.False(json.RootElement.TryGetProperty("post_info", out _));
        var source = json.RootElement.GetProperty("source_info");
        Assert.Equal("FILE_UPLOAD", source.GetProperty("source").GetString());
        Assert.Equal(size, source.GetProperty("video_size").GetInt64());
        Assert.Equal(Chunk, source.GetProperty("chunk_size").GetInt64());
        Assert.Equal((int)(size / Chunk), source.GetProperty("total_chunk_count").GetInt32());

        Assert.Equal(Ranges(size), _fake.Chunks.Select(c => c.Headers["Content-Range"]));
        Assert.All(_fake.Chunks, c => Assert.Equal("video/mp4", c.Headers["Content-Type"]));
        var post = Assert.Single(_fake.Posts);
        Assert.Equal(File.ReadAllBytes(request.VideoPath), post.Received);
        Assert.Equal(post.ChunkCount, post.ChunksReceived);

        var status = Assert.Single(_fake.On(TikTokApi.StatusPath));
        Assert.Equal("Bearer act.1", status.Headers["Authorization"]);
        Assert.Equal(post.Id, JsonDocument.Parse(status.Body).RootElement.GetProperty("publish_id").GetString());
        Assert.Equal("inbox", receipt.Status);
        Assert.Equal(post.Id, receipt.ExternalId);
        Assert.False(receipt.Duplicate);
    }

    [Fact]
    public async Task Direct_ChecksCreatorInfo_SendsPostInfo_PollsUntilComplete_AndReturnsThePostId()
    {
        _fake.ProcessingPolls = 2;
        var request = await RequestAsync();

        var receipt = await Publisher(o => o.Mode = "direct").PublishAsync(request, default);

        var creator = Assert.Single(_fake.On(TikTokApi.CreatorInfoPath));
        Assert.Equal("Bearer act.1", creator.Headers["Authorization"]);
        Assert.Empty(_fake.On(TikTokApi.InboxInitPath));
        var init = Assert.Single(_fake.On(TikTokApi.DirectInitPath));
        using var json = JsonDocument.Parse(init.Body);
        var info = json.RootElement.GetProperty("post_info");
        Assert.Equal("The Moon is leaving us #space #moon", info.GetProperty("title").GetString());
        Assert.Equal("SELF_ONLY", info.GetProperty("privacy_level").GetString());
        Assert.False(info.GetProperty("disable_duet").GetBoolean());
        Assert.False(info.GetProperty("disable_comment").GetBoolean());
        Assert.False(info.GetProperty("disable_stitch").GetBoolean());
        Assert.Equal(1000, info.GetProperty("video_cover_timestamp_ms").GetInt32());
        Assert.Equal(3, _fake.On(TikTokApi.StatusPath).Count);
        Assert.Equal("published", receipt.Status);
        Assert.Equal("7300000000000000001", receipt.ExternalId);
        Assert.Equal("https://www.tiktok.com/@/video/7300000000000000001", receipt.Location);
    }

    [Fact]
    public async Task Direct_WithAPrivacyLevelTheCreatorIsNotOffered_IsRefusedForGood_BeforeAnyInit()
    {
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(() =>
            Publisher(o => { o.Mode = "direct"; o.PrivacyLevel = "PUBLIC_TO_EVERYONE"; }).PublishAsync(request, default));

        Assert.Contains("PUBLIC_TO_EVERYONE", ex.Message);
        Assert.Contains("allowed: SELF_ONLY", ex.Message);
        Assert.Empty(_fake.On(TikTokApi.DirectInitPath));
        Assert.Empty(_fake.Chunks);
    }

    [Fact]
    public async Task Direct_VideoLongerThanTheCreatorsMaximum_IsRefusedForGood_BeforeAnyInit()
    {
        _fake.MaxVideoPostDurationSec = 2;
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher(o => o.Mode = "direct").PublishAsync(request, default));

        Assert.Contains("at most 2 s", ex.Message);
        Assert.Empty(_fake.On(TikTokApi.DirectInitPath));
    }

    [Fact]
    public async Task Failed_Status_IsAPermanentRefusalWithTheFailReason_AndTheIntentIsMarkedFailed()
    {
        _fake.FailReason = "file_format_check_failed";
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains("file_format_check_failed", ex.Message);
        var post = new PlatformPostLedger(PublishDatabase.PathFor(Out), TimeProvider.System).Find("key-1");
        Assert.Equal(PlatformPostState.Failed, post!.State);
    }

    [Fact]
    public async Task RateLimited_Init_WaitsAndRetries_ThenPostsOnce()
    {
        _fake.Fail(TikTokApi.InboxInitPath, 429, "rate_limit_exceeded");
        var request = await RequestAsync();

        var receipt = await Publisher().PublishAsync(request, default);

        Assert.Equal(2, _fake.On(TikTokApi.InboxInitPath).Count);
        Assert.Single(_fake.Posts);
        Assert.Equal("inbox", receipt.Status);
    }

    [Fact]
    public async Task InternalErrors_AreRetriedABoundedNumberOfTimes_ThenTransient()
    {
        _fake.Fail(TikTokApi.InboxInitPath, 500, "internal_error", times: 10);
        var request = await RequestAsync();

        await Assert.ThrowsAsync<TransientProviderException>(() => Publisher().PublishAsync(request, default));

        Assert.Equal(3, _fake.On(TikTokApi.InboxInitPath).Count);
        Assert.Empty(_fake.Posts);
    }

    [Fact]
    public async Task InvalidParams_IsPermanent_WithTikToksMessage()
    {
        _fake.Fail(TikTokApi.InboxInitPath, 400, "spam_risk_too_many_posts");
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains("spam_risk_too_many_posts: fake spam_risk_too_many_posts", ex.Message);
        Assert.Single(_fake.On(TikTokApi.InboxInitPath));
    }

    [Fact]
    public async Task Unauthorized_RefreshesTheTokenOnce_AndContinues()
    {
        var request = await RequestAsync();
        var publisher = Publisher();
        await publisher.PublishAsync(request, default);
        _fake.RevokeTokens();

        await publisher.PublishAsync(request with { IdempotencyKey = "key-2" }, default);

        Assert.Equal(2, _fake.On(FakeTikTok.TokenPath).Count);
        Assert.Equal("rft.rotated", System.Web.HttpUtility.ParseQueryString(_fake.On(FakeTikTok.TokenPath)[1].Body)["refresh_token"]);
        Assert.Equal(2, _fake.Posts.Count);
    }

    [Fact]
    public async Task Unauthorized_AfterAFreshToken_IsPermanent_AndSaysToRunAuth()
    {
        _fake.Fail(TikTokApi.InboxInitPath, 401, "scope_not_authorized", times: 2);
        var request = await RequestAsync();

        var ex = await Assert.ThrowsAsync<PublishRejectedException>(() => Publisher().PublishAsync(request, default));

        Assert.Contains("access_token_invalid: run aivideo auth tiktok", ex.Message);
        Assert.DoesNotContain("act.", ex.Message);
        Assert.DoesNotContain("rft.", ex.Message);
        Assert.Equal(2, _fake.On(FakeTikTok.TokenPath).Count);
        Assert.Empty(_fake.Posts);
    }

    [Fact]
    public async Task CrashAfterTheUpload_IsReconciledByFind_AndANewPublishNeverInitsAgain()
    {
        _fake.ProcessingPolls = 1;
        var request = await RequestAsync();
        using var crash = new CancellationTokenSource();
        _fake.OnLastChunk = crash.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Publisher().PublishAsync(request, crash.Token));
        var recorded = new PlatformPostLedger(PublishDatabase.PathFor(Out), TimeProvider.System).Find("key-1");
        Assert.Equal(Assert.Single(_fake.Posts).Id, recorded!.Handle);

        var restarted = Publisher();
        Assert.Null(await restarted.FindAsync("key-1", default)); // still processing
        var receipt = await restarted.PublishAsync(request, default);
        var found = await Publisher().FindAsync("key-1", default);

        Assert.Single(_fake.On(TikTokApi.InboxInitPath));
        Assert.Single(_fake.Posts);
        Assert.Equal("inbox", receipt.Status);
        Assert.Equal(receipt.ExternalId, found!.ExternalId);
    }

    [Fact]
    public async Task Find_AfterTikTokFailedThePendingPost_ReturnsNull_AndMarksTheIntentFailed()
    {
        var request = await RequestAsync();
        using var crash = new CancellationTokenSource();
        _fake.OnLastChunk = crash.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Publisher().PublishAsync(request, crash.Token));
        _fake.FailReason = "duration_check_failed";

        Assert.Null(await Publisher().FindAsync("key-1", default));

        var post = new PlatformPostLedger(PublishDatabase.PathFor(Out), TimeProvider.System).Find("key-1");
        Assert.Equal(PlatformPostState.Failed, post!.State);
        Assert.Contains("duration_check_failed", post.FailureReason);
    }

    [Fact]
    public async Task SameKeyTwice_MakesExactlyOnePost_AndTheSecondIsADuplicate()
    {
        var request = await RequestAsync();

        var first = await Publisher().PublishAsync(request, default);
        var second = await Publisher().PublishAsync(request, default);

        Assert.Single(_fake.Posts);
        Assert.Single(_fake.On(TikTokApi.InboxInitPath));
        Assert.True(second.Duplicate);
        Assert.Equal(first.ExternalId, second.ExternalId);
    }

    [Theory]
    [InlineData(3_000_000, 10_485_760, 3_000_000, 1)]
    [InlineData(10_485_760, 10_485_760, 10_485_760, 1)]
    [InlineData(25_000_000, 10_485_760, 10_485_760, 2)]
    [InlineData(31_457_280, 10_485_760, 10_485_760, 3)]
    public void Chunks_FollowTikToksRule_LastChunkTakesTheRemainder(long size, long chunk, long expectedChunk, int expectedCount)
    {
        var chunks = TikTokChunks.For(size, chunk);

        Assert.Equal(expectedChunk, chunks.ChunkSize);
        Assert.Equal(expectedCount, chunks.Count);
        Assert.Equal(size - 1, chunks.Range(chunks.Count - 1).To);
        Assert.Equal(0, chunks.Range(0).From);
    }

    [Fact]
    public void Options_Defaults_AreInboxSelfOnlyTenMegabyteChunks_AndBadValuesAreReportedWithoutSecrets()
    {
        var good = TikTokOptions.FromConfiguration(Config(("Publish:TikTok:ClientKey", "k"), ("Publish:TikTok:ClientSecret", "s3cret"),
            ("Publish:TikTok:RefreshToken", "rft.secret")), out var none);
        Assert.Empty(none);
        Assert.Equal("inbox", good.Mode);
        Assert.Equal("SELF_ONLY", good.PrivacyLevel);
        Assert.Equal(10L * 1024 * 1024, good.ChunkSizeBytes);
        Assert.Equal(new Uri("https://open.tiktokapis.com/v2/oauth/token/"), good.TokenUrl);
        Assert.Equal(new Uri("https://open.tiktokapis.com"), good.ApiBaseUrl);

        TikTokOptions.FromConfiguration(Config(("Publish:TikTok:ClientSecret", "s3cret"), ("Publish:TikTok:RefreshToken", "rft.secret"),
            ("Publish:TikTok:Mode", "everywhere"), ("Publish:TikTok:ChunkSizeBytes", "1000")), out var errors);
        Assert.Contains(errors, e => e.Contains("ClientKey is required"));
        Assert.Contains(errors, e => e.Contains("Mode = 'everywhere' must be inbox or direct"));
        Assert.Contains(errors, e => e.Contains("ChunkSizeBytes = 1000 must be 5242880..67108864"));
        Assert.DoesNotContain(errors, e => e.Contains("s3cret") || e.Contains("rft.secret"));
    }

    [Fact]
    public void Routing_AcceptsTikTokForTheTikTokPlatformOnly()
    {
        var routing = PublishRouting.FromConfiguration(Config(("Publish:Platforms:tiktok", "tiktok"), ("Publish:Platforms:youtube_shorts", "tiktok")));

        Assert.Equal("tiktok", routing.ProviderFor("tiktok"));
        Assert.Contains(routing.Errors, e => e.Contains("Publish:Platforms:youtube_shorts = tiktok is not supported"));
    }

    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();
}
