using System.Web;
using AiVideo.Memory.Analytics;
using AiVideo.Testing.Fakes;

namespace AiVideo.Memory.Tests.Analytics;

public sealed class YouTubeAnalyticsPullerTests
{
    private const string Token = "ya29.secret-token-XYZ";
    private const string Platform = "youtube_shorts";
    private const string Metrics = "views,estimatedMinutesWatched,averageViewPercentage,likes,shares,comments,subscribersGained";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 30, 0, TimeSpan.Zero);

    private static YouTubeAnalyticsPuller Puller(CannedHttpServer server, HttpClient http, int maxRetries = 3) =>
        new(http, new YouTubeAnalyticsOptions
        {
            BaseUrl = server.BaseUrl,
            AccessToken = Token,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        }, new FixedTimeProvider(Now));

    private static string Report(params string[][] rows) =>
        """{"kind":"youtubeAnalytics#resultTable","columnHeaders":[{"name":"video","columnType":"DIMENSION","dataType":"STRING"},"""
        + """{"name":"views","columnType":"METRIC","dataType":"INTEGER"},{"name":"estimatedMinutesWatched","columnType":"METRIC","dataType":"INTEGER"},"""
        + """{"name":"averageViewPercentage","columnType":"METRIC","dataType":"FLOAT"},{"name":"likes","columnType":"METRIC","dataType":"INTEGER"},"""
        + """{"name":"shares","columnType":"METRIC","dataType":"INTEGER"},{"name":"comments","columnType":"METRIC","dataType":"INTEGER"},"""
        + """{"name":"subscribersGained","columnType":"METRIC","dataType":"INTEGER"}],"rows":["""
        + string.Join(",", rows.Select(r => "[" + string.Join(",", r) + "]")) + "]}";

    private static string[] FilterIds(RecordedRequest request)
    {
        var filters = HttpUtility.ParseQueryString(request.Query)["filters"]!;
        Assert.StartsWith("video==", filters, StringComparison.Ordinal);
        return filters["video==".Length..].Split(',');
    }

    [Fact]
    public async Task PullAsync_TwoVideos_SendsReportQueryWithIdsDatesMetricsAndBearer()
    {
        using var server = new CannedHttpServer(200, Report());
        using var http = new HttpClient();
        var videos = new[]
        {
            // 2026-02-01 23:30 at UTC-2 is 2026-02-02 01:30 UTC: the start date is the UTC date.
            AnalyticsTestVideos.Video(Platform, "abcDEF12345", new DateTimeOffset(2026, 2, 1, 23, 30, 0, TimeSpan.FromHours(-2))),
            AnalyticsTestVideos.Video(Platform, "xyz_-987654", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
        };

        await Puller(server, http).PullAsync(videos, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v2/reports", request.Path);
        var query = HttpUtility.ParseQueryString(request.Query);
        Assert.Equal("channel==MINE", query["ids"]);
        Assert.Equal("2026-02-02", query["startDate"]);
        Assert.Equal("2026-03-10", query["endDate"]);
        Assert.Equal(Metrics, query["metrics"]);
        Assert.Equal("video", query["dimensions"]);
        Assert.Equal("video==abcDEF12345,xyz_-987654", query["filters"]);
        Assert.Equal("200", query["maxResults"]);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task PullAsync_ColumnsInShuffledOrder_MapsRowsByColumnName()
    {
        const string body = """
            {"kind":"youtubeAnalytics#resultTable","columnHeaders":[
              {"name":"likes","columnType":"METRIC","dataType":"INTEGER"},
              {"name":"estimatedMinutesWatched","columnType":"METRIC","dataType":"INTEGER"},
              {"name":"subscribersGained","columnType":"METRIC","dataType":"INTEGER"},
              {"name":"video","columnType":"DIMENSION","dataType":"STRING"},
              {"name":"comments","columnType":"METRIC","dataType":"INTEGER"},
              {"name":"averageViewPercentage","columnType":"METRIC","dataType":"FLOAT"},
              {"name":"shares","columnType":"METRIC","dataType":"INTEGER"},
              {"name":"views","columnType":"METRIC","dataType":"INTEGER"}],
             "rows":[[10,4.5,1,"id1",3,61.2,2,123],[7,30,4,"id2",0,88.5,5,900]]}
            """;
        using var server = new CannedHttpServer(200, body);
        using var http = new HttpClient();
        var videos = new[] { AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-3)), AnalyticsTestVideos.Video(Platform, "id2", Now.AddDays(-2)) };

        var observations = await Puller(server, http).PullAsync(videos, CancellationToken.None);

        Assert.Equal(2, observations.Count);
        var first = Assert.Single(observations, o => o.ExternalId == "id1");
        Assert.Equal(Platform, first.Platform);
        Assert.Equal(Now, first.ObservedAt);
        Assert.Equal(123, first.Views);
        Assert.Equal(270, first.WatchTimeSec, 6);
        Assert.Equal(61.2, first.AverageViewPercent, 6);
        Assert.Equal(10, first.Likes);
        Assert.Equal(2, first.Shares);
        Assert.Equal(3, first.Comments);
        Assert.Equal(1, first.Follows);
        var second = Assert.Single(observations, o => o.ExternalId == "id2");
        Assert.Equal(900, second.Views);
        Assert.Equal(1800, second.WatchTimeSec, 6);
        Assert.Equal(88.5, second.AverageViewPercent, 6);
        Assert.Equal(7, second.Likes);
        Assert.Equal(5, second.Shares);
        Assert.Equal(0, second.Comments);
        Assert.Equal(4, second.Follows);
    }

    [Fact]
    public async Task PullAsync_250Videos_SendsTwoBatchesOfAtMost200Ids()
    {
        using var server = new CannedHttpServer(200, Report());
        server.Handler = request => (200, Report(FilterIds(request).Select(id => new[] { $"\"{id}\"", "5", "1", "50", "1", "0", "0", "0" }).ToArray()));
        using var http = new HttpClient();
        var videos = AnalyticsTestVideos.Many(Platform, 250, Now.AddDays(-30));

        var observations = await Puller(server, http).PullAsync(videos, CancellationToken.None);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var batches = requests.Select(FilterIds).ToArray();
        Assert.Equal([200, 50], batches.Select(b => b.Length).Order().Reverse());
        Assert.Equal(videos.Select(v => v.ExternalId).Order(), batches.SelectMany(b => b).Order());
        Assert.Equal(250, observations.Count);
        Assert.All(observations, o => Assert.Equal(5, o.Views));
    }

    [Fact]
    public async Task PullAsync_Unauthenticated401_ThrowsWithGoogleMessageAndNoToken()
    {
        const string body = """{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.","status":"UNAUTHENTICATED"}}""";
        using var server = new CannedHttpServer(401, body);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(Platform, error.Platform);
        Assert.Contains("Request had invalid authentication credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("UNAUTHENTICATED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PullAsync_ErrorBodyEchoesToken_MasksToken()
    {
        using var server = new CannedHttpServer(400, $$$"""{"error":{"code":400,"message":"Bad token {{{Token}}}","status":"INVALID_ARGUMENT"}}""");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None));

        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad token ***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_503Then200_SucceedsAfterRetry()
    {
        using var server = new CannedHttpServer(200, Report(new[] { "\"id1\"", "42", "2", "70", "3", "1", "0", "0" }));
        server.Sequence.Enqueue((503, """{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}"""));
        using var http = new HttpClient();

        var observations = await Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        var observation = Assert.Single(observations);
        Assert.Equal(42, observation.Views);
        Assert.Equal(120, observation.WatchTimeSec, 6);
    }

    [Fact]
    public async Task PullAsync_NetworkErrorThen200_SucceedsAfterRetry()
    {
        using var server = new CannedHttpServer(200, Report(new[] { "\"id1\"", "8", "1", "40", "0", "0", "0", "0" }));
        using var handler = new FailFirstHandler(failures: 1);
        using var http = new HttpClient(handler);

        var observations = await Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None);

        Assert.Equal(2, handler.Calls);
        Assert.Equal(8, Assert.Single(observations).Views);
    }

    [Fact]
    public async Task PullAsync_NetworkAlwaysDown_ThrowsAnalyticsApiExceptionWithoutStatus()
    {
        using var server = new CannedHttpServer(200, Report());
        using var handler = new FailFirstHandler(failures: int.MaxValue);
        using var http = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http, maxRetries: 2).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(0, error.StatusCode);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Calls);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task PullAsync_Always503_ThrowsAfterMaxRetries()
    {
        using var server = new CannedHttpServer(503, """{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}""");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AnalyticsApiException>(() =>
            Puller(server, http, maxRetries: 2).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("The service is currently unavailable.", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task PullAsync_ReportWithoutRows_ReturnsNoObservations()
    {
        using var server = new CannedHttpServer(200, """{"kind":"youtubeAnalytics#resultTable","columnHeaders":[{"name":"video","columnType":"DIMENSION","dataType":"STRING"},{"name":"views","columnType":"METRIC","dataType":"INTEGER"}]}""");
        using var http = new HttpClient();

        var observations = await Puller(server, http).PullAsync([AnalyticsTestVideos.Video(Platform, "id1", Now.AddDays(-1))], CancellationToken.None);

        Assert.Empty(observations);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PullAsync_NoVideos_SendsNoRequest()
    {
        using var server = new CannedHttpServer(200, Report());
        using var http = new HttpClient();

        var observations = await Puller(server, http).PullAsync([], CancellationToken.None);

        Assert.Empty(observations);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Validate_MissingTokenAndPlainHttpHost_ReportsBoth()
    {
        var errors = new YouTubeAnalyticsOptions { BaseUrl = "http://example.com", AccessToken = " " }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("AccessToken", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("https", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_OnlyMissingToken()
    {
        var options = new YouTubeAnalyticsOptions();

        Assert.Equal("https://youtubeanalytics.googleapis.com", options.BaseUrl);
        Assert.Equal("MINE", options.ChannelId);
        Assert.Equal(3, options.MaxRetries);
        Assert.Contains("AccessToken", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentException()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new YouTubeAnalyticsPuller(http, new YouTubeAnalyticsOptions { MaxRetries = -1, AccessToken = Token }));

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
    }
}
