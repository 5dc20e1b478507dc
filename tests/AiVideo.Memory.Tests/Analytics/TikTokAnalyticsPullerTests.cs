using System.Text.Json;
using System.Web;
using AiVideo.Memory.Analytics;
using AiVideo.Testing.Fakes;

namespace AiVideo.Memory.Tests.Analytics;

public sealed class TikTokAnalyticsPullerTests
{
    private const string Token = "act.tiktok-secret-ABC";
    private const string Platform = "tiktok";
    private const string Fields = "id,title,create_time,duration,view_count,like_count,comment_count,share_count";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 30, 0, TimeSpan.Zero);

    private static TikTokAnalyticsPuller Puller(CannedHttpServer server, HttpClient http, int maxRetries = 3) =>
        new(http, new TikTokAnalyticsOptions
        {
            BaseUrl = server.BaseUrl,
            AccessToken = Token,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        }, new FixedTimeProvider(Now));

    private static string VideosReply(IEnumerable<string> ids, long views = 10) =>
        """{"data":{"videos":["""
        + string.Join(",", ids.Select(id => $$"""{"id":"{{id}}","title":"t","create_time":1767225600,"duration":31,"view_count":{{views}},"like_count":1,"comment_count":0,"share_count":0}"""))
        + """],"cursor":0,"has_more":false},"error":{"code":"ok","message":"","log_id":"20260310023000ABCDEF"}}""";

    private static string[] RequestedIds(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("filters").GetProperty("video_ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public async Task PullAsync_TwoVideos_PostsVideoIdsWithFieldsAndBearer()
    {
        using var server = new CannedHttpServer(200, VideosReply([]));
        using var http = new HttpClient();
        var videos = new[] { AnalyticsTestVideos.Video(Platform, "7300000000000000001", Now.AddDays(-2)), AnalyticsTestVideos.Video(Platform, "7300000000000000002", Now.AddDays(-1)) };

        await Puller(server, http).PullAsync(videos, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/video/query/", request.Path);
        Assert.Equal(Fields, HttpUtility.ParseQueryString(request.Query)["fields"]);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["7300000000000000001", "7300000000000000002"], RequestedIds(request));
    }

    [Fact]
    public async Task PullAsync_VideosReturned_MapsCountsAndLeavesWatchTimeAndFollowsZero()
    {
        const string reply = """
            {"data":{"videos":[{"id":"v1","title":"Black holes","create_time":1767225600,"duration":31,
              "view_count":1520,"like_count":87,"comment_count":9,"share_count":14}],"cursor":0,"has_more":false},
             "error":{"code":"ok","message":"","log_id":"x"}}
            """;
        using var server = new CannedHttpServer(200, reply);
        using var http = new HttpClient();

        var observations = await Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "v1", Now.AddDays(-1))], CancellationToken.None);

        var observation = Assert.Single(observations);
        Assert.Equal(Platform, observation.Platform);
        Assert.Equal("v1", observation.ExternalId);
        Assert.Equal(Now, observation.ObservedAt);
        Assert.Equal(1520, observation.Views);
        Assert.Equal(87, observation.Likes);
        Assert.Equal(9, observation.Comments);
        Assert.Equal(14, observation.Shares);
        Assert.Equal(0, observation.WatchTimeSec);
        Assert.Equal(0, observation.AverageViewPercent);
        Assert.Equal(0, observation.Follows);
    }

    [Fact]
    public async Task PullAsync_45Videos_SendsThreeBatchesOfAtMost20Ids()
    {
        using var server = new CannedHttpServer(200, VideosReply([]));
        server.Handler = request => (200, VideosReply(RequestedIds(request), views: 3));
        using var http = new HttpClient();
        var videos = AnalyticsTestVideos.Many(Platform, 45, Now.AddDays(-10));

        var observations = await Puller(server, http).PullAsync(videos, CancellationToken.None);

        var batches = server.Requests.Select(RequestedIds).ToArray();
        Assert.Equal(3, batches.Length);
        Assert.Equal([20, 20, 5], batches.Select(b => b.Length).OrderDescending());
        Assert.Equal(videos.Select(v => v.ExternalId).Order(), batches.SelectMany(b => b).Order());
        Assert.Equal(45, observations.Count);
        Assert.All(observations, o => Assert.Equal(3, o.Views));
    }

    [Fact]
    public async Task PullAsync_Http200WithAccessTokenInvalid_ThrowsWithCodeAndMessage()
    {
        const string reply = """{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"202603100230LOG"}}""";
        using var server = new CannedHttpServer(200, reply);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "v1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(Platform, error.Platform);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("access_token_invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("The access token is invalid or not found in the request.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PullAsync_Http401_ThrowsWithoutRetry()
    {
        const string reply = """{"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"L1"}}""";
        using var server = new CannedHttpServer(401, reply);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "v1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("access_token_invalid", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PullAsync_429Then200_SucceedsAfterRetry()
    {
        using var server = new CannedHttpServer(200, VideosReply(["v1"], views: 77));
        server.Sequence.Enqueue((429, """{"error":{"code":"rate_limit_exceeded","message":"API rate limit exceeded.","log_id":"L2"}}"""));
        using var http = new HttpClient();

        var observations = await Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "v1", Now.AddDays(-1))], CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(77, Assert.Single(observations).Views);
    }

    [Fact]
    public async Task PullAsync_Always429_ThrowsRateLimitAfterMaxRetries()
    {
        using var server = new CannedHttpServer(429, """{"error":{"code":"rate_limit_exceeded","message":"API rate limit exceeded.","log_id":"L3"}}""");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http, maxRetries: 1).PullAsync([AnalyticsTestVideos.Video(Platform, "v1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("rate_limit_exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task PullAsync_UnknownIds_AreAbsentFromResult()
    {
        using var server = new CannedHttpServer(200, VideosReply(["known"], views: 5));
        using var http = new HttpClient();
        var videos = new[]
        {
            AnalyticsTestVideos.Video(Platform, "known", Now.AddDays(-1)),
            AnalyticsTestVideos.Video(Platform, "deleted", Now.AddDays(-1)),
            AnalyticsTestVideos.Video(Platform, "someone-elses", Now.AddDays(-1)),
        };

        var observations = await Puller(server, http).PullAsync(videos, CancellationToken.None);

        Assert.Equal("known", Assert.Single(observations).ExternalId);
        Assert.Equal(["known", "deleted", "someone-elses"], RequestedIds(Assert.Single(server.Requests)));
    }

    [Fact]
    public void Validate_DefaultsWithoutToken_ReportsMissingToken()
    {
        var options = new TikTokAnalyticsOptions();

        Assert.Equal("https://open.tiktokapis.com", options.BaseUrl);
        Assert.Contains("AccessToken", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }
}
