using System.Web;
using AiVideo.McpServers.Render.Providers.Stock;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Tests.Stock;

/// <summary>The Pexels and Pixabay clients against the fake API: request shapes, parsing, caching, limits, retries and errors.</summary>
public sealed class StockClientTests : IDisposable
{
    private readonly TempDirectory _data = new("aivideo-stock-client");
    private readonly FakeStockApi _api = new([0]);
    private readonly AutoAdvancingTimeProvider _time = new();

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }

    private StockTestHost Host(IDictionary<string, string?>? settings = null, Func<string, string?>? environment = null) =>
        new(_data.Path, _api, _time, settings, environment);

    [Fact]
    public async Task PexelsSearch_SendsTheKeyInTheAuthorizationHeader_AndAPortraitMediumQuery_AndParsesTheVideos()
    {
        _api.PexelsVideos.Add(_api.PexelsVideo(1001, "ocean-waves-at-dusk", 12, (1080, 1920), (540, 960)));
        using var host = Host();

        var items = await host.Get<PexelsClient>().SearchAsync("ocean waves", CancellationToken.None);

        var request = Assert.Single(_api.Searches);
        Assert.Equal(("GET", "/videos/search"), (request.Method, request.Path));
        Assert.Equal(FakeStockApi.PexelsKey, request.Headers["Authorization"]);
        var query = HttpUtility.ParseQueryString(request.Query);
        Assert.Equal(("ocean waves", "portrait", "medium", "20"), (query["query"], query["orientation"], query["size"], query["per_page"]));
        var item = Assert.Single(items);
        Assert.Equal(("pexels:1001", "ocean waves at dusk", 12.0, 2), (item.Key, item.Text, item.DurationSec, item.Renditions.Count)); // the HLS entry without size is dropped
        Assert.Equal(new Core.Domain.VisualCredit("Pexels", "Jane Doe", "https://www.pexels.com/@jane-doe", "https://www.pexels.com/video/ocean-waves-at-dusk-1001/", "Pexels License", Required: true), item.Credit);
    }

    [Fact]
    public async Task PixabaySearch_SendsKeyQueryAndPerPage_AndParsesTheHits()
    {
        _api.PixabayHits.Add(_api.PixabayHit(77, "sea, waves, beach", 9));
        using var host = Host(new Dictionary<string, string?> { ["Render:Pixabay:PerPage"] = "50" });

        var items = await host.Get<PixabayClient>().SearchAsync("sea waves", CancellationToken.None);

        var request = Assert.Single(_api.Searches);
        Assert.Equal("/api/videos/", request.Path);
        var query = HttpUtility.ParseQueryString(request.Query);
        Assert.Equal((FakeStockApi.PixabayKey, "sea waves", "50"), (query["key"], query["q"], query["per_page"]));
        var item = Assert.Single(items);
        Assert.Equal(("pixabay:77", 3), (item.Key, item.Renditions.Count)); // the empty "large" is dropped
        Assert.Contains("waves", item.Text, StringComparison.Ordinal);
        Assert.Equal(new Core.Domain.VisualCredit("Pixabay", "coverr", "https://pixabay.com/users/coverr-4242/", "https://pixabay.com/videos/clip-77/", "Pixabay Content License", Required: false), item.Credit);
    }

    [Fact]
    public async Task PixabaySearch_SameSearchWithin24Hours_MakesNoRequest_AfterThatItDoesAgain()
    {
        _api.PixabayHits.Add(_api.PixabayHit(77, "sea, waves", 9));
        using var host = Host();
        var client = host.Get<PixabayClient>();

        await client.SearchAsync("sea waves", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23.9));
        var cached = await client.SearchAsync("sea waves", CancellationToken.None);
        Assert.Single(_api.Searches);
        Assert.Equal("pixabay:77", Assert.Single(cached).Key);

        _time.Advance(TimeSpan.FromHours(0.2));
        await client.SearchAsync("sea waves", CancellationToken.None);
        Assert.Equal(2, _api.Searches.Count);

        // The cache is named by the request without the key, and does not hold the key.
        var files = Directory.GetFiles(host.Get<StockStorage>().ResponseFolder("pixabay"));
        var file = Assert.Single(files);
        Assert.DoesNotContain(FakeStockApi.PixabayKey, file + await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_429WithRetryAfter_WaitsThatLong_AndRetries()
    {
        _api.PexelsVideos.Add(_api.PexelsVideo(1001, "ocean-waves", 12, (1080, 1920)));
        _api.Override.Enqueue(CannedResponse.Text(429, "{\"error\":\"Rate limit exceeded\"}", new Dictionary<string, string> { ["Retry-After"] = "7" }));
        using var host = Host();

        var items = await host.Get<PexelsClient>().SearchAsync("ocean", CancellationToken.None);

        Assert.Single(items);
        Assert.Equal(2, _api.Searches.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, _time.Waits.ToArray());
    }

    [Fact]
    public async Task Search_ServerErrors_RetryWithBackoff_ThenAClearError()
    {
        for (var i = 0; i < 4; i++) _api.Override.Enqueue(CannedResponse.Text(503, "upstream down"));
        using var host = Host();

        var error = await Assert.ThrowsAsync<StockApiException>(() => host.Get<PexelsClient>().SearchAsync("ocean", CancellationToken.None));

        Assert.Equal(4, _api.Searches.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) }, _time.Waits.ToArray());
        Assert.Equal("Pexels answered 503 for 'ocean' after 3 retries", error.Message);
    }

    [Fact]
    public async Task Search_MalformedJson_IsAClearError()
    {
        _api.Override.Enqueue(CannedResponse.Text(200, "{\"hits\": [ {\"id\": 1, "));
        using var host = Host();

        var error = await Assert.ThrowsAsync<StockApiException>(() => host.Get<PixabayClient>().SearchAsync("sea", CancellationToken.None));

        Assert.StartsWith("Pixabay answered malformed JSON for 'sea'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(host.Get<StockStorage>().ResponseFolder("pixabay")) ? Directory.GetFiles(host.Get<StockStorage>().ResponseFolder("pixabay")) : []);
    }

    [Fact]
    public async Task Search_JsonWithoutTheResultList_IsAClearError()
    {
        _api.Override.Enqueue(CannedResponse.Text(200, "{\"page\": 1}"));
        using var host = Host();

        var error = await Assert.ThrowsAsync<StockApiException>(() => host.Get<PexelsClient>().SearchAsync("sea", CancellationToken.None));

        Assert.StartsWith("Pexels answered JSON without the documented result list for 'sea'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pixabay", 401)]
    [InlineData("pixabay", 403)]
    [InlineData("pexels", 401)]
    public async Task Search_KeyRefused_NamesTheSettingToFix_WithoutTheKey(string provider, int status)
    {
        _api.Override.Enqueue(CannedResponse.Text(status, $"{{\"error\":\"invalid key {FakeStockApi.PixabayKey}\"}}"));
        using var host = Host();
        IStockSearchClient client = provider == "pexels" ? host.Get<PexelsClient>() : host.Get<PixabayClient>();

        var error = await Assert.ThrowsAsync<StockApiException>(() => client.SearchAsync("sea", CancellationToken.None));

        var setting = provider == "pexels" ? "AIVIDEO__RENDER__PEXELS__APIKEY (or PEXELS_API_KEY)" : "AIVIDEO__RENDER__PIXABAY__APIKEY (or PIXABAY_API_KEY)";
        Assert.Equal($"{client.Options.DisplayName} refused the API key ({status}): check {setting}", error.Message);
        Assert.DoesNotContain(FakeStockApi.PixabayKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeStockApi.PexelsKey, error.Message, StringComparison.Ordinal);
        Assert.Single(_api.Searches); // not retried
    }

    [Fact]
    public async Task RateLimiter_WindowFull_WaitsForTheOldestRequestToLeaveIt_EvenAcrossTwoProcesses()
    {
        _api.PexelsVideos.Add(_api.PexelsVideo(1001, "ocean", 12, (1080, 1920)));
        var twoPerHour = new Dictionary<string, string?> { ["Render:Pexels:RateLimit"] = "2" };
        using (var first = Host(twoPerHour))
        {
            await first.Get<PexelsClient>().SearchAsync("one", CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(10));
            await first.Get<PexelsClient>().SearchAsync("two", CancellationToken.None);
        }
        Assert.Empty(_time.Waits);
        var started = _time.GetUtcNow();

        using var second = Host(twoPerHour); // a new server process on the same data directory
        var items = await second.Get<PexelsClient>().SearchAsync("three", CancellationToken.None);

        Assert.Single(items);
        Assert.Equal(3, _api.Searches.Count);
        var wait = Assert.Single(_time.Waits);
        Assert.InRange(wait, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(50.1)); // the first request leaves the hour 50 min later
        Assert.Equal(3, second.Get<StockUsage>().Count("pexels", started - TimeSpan.FromHours(1)));
        Assert.Equal(0, second.Get<StockUsage>().Count("pixabay", started - TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddStockSources_BadSettingsOfBothProviders_StopWithOneMessageNamingEachSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Host(new Dictionary<string, string?>
        {
            ["Render:Pexels:BaseUrl"] = "api.pexels.com",
            ["Render:Pexels:PerPage"] = "500",
            ["Render:Pixabay:MinScore"] = "2",
        }));

        Assert.StartsWith("render server settings (stock sources): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("AIVIDEO__RENDER__PEXELS__BASEURL must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("AIVIDEO__RENDER__PEXELS__PERPAGE must be 1..80 (was 500)", error.Message, StringComparison.Ordinal);
        Assert.Contains("AIVIDEO__RENDER__PIXABAY__MINSCORE must be a number 0..1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeStockApi.PexelsKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStockSources_SettingNotANumber_StopsWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Host(new Dictionary<string, string?> { ["Render:Pixabay:PerPage"] = "lots" }));

        Assert.Contains("a Pixabay setting (AIVIDEO__RENDER__PIXABAY__*) is not a value of its type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsValidator_ReportsEveryProblemOfAProvider()
    {
        var result = new StockOptionsValidator<PexelsOptions>().Validate(null, new PexelsOptions { BaseUrl = "https://api.pexels.com?x=1", RateLimit = 0 });

        Assert.True(result.Failed);
        Assert.Contains("AIVIDEO__RENDER__PEXELS__BASEURL", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AIVIDEO__RENDER__PEXELS__RATELIMIT must be at least 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreTheRealEndpointsAndPublishedLimits()
    {
        var (pexels, pixabay) = (new PexelsOptions(), new PixabayOptions());

        Assert.Equal(("https://api.pexels.com", 200, 3600.0), (pexels.BaseUrl, pexels.RateLimit, pexels.RateWindowSec));
        Assert.Equal(("https://pixabay.com", 100, 60.0, 24.0), (pixabay.BaseUrl, pixabay.RateLimit, pixabay.RateWindowSec, pixabay.CacheHours));
        Assert.Empty(pexels.Validate());
        Assert.Empty(pixabay.Validate());
    }

    [Fact]
    public void ApiKey_EmptySetting_FallsBackToTheConventionalEnvironmentVariable()
    {
        var environment = new Dictionary<string, string> { ["PEXELS_API_KEY"] = "from-env" };
        using var host = Host(new Dictionary<string, string?> { ["Render:Pexels:ApiKey"] = "", ["Render:Pixabay:ApiKey"] = "from-config" }, name => environment.GetValueOrDefault(name));

        Assert.Equal("from-env", host.Get<IOptions<PexelsOptions>>().Value.ApiKey);
        Assert.Equal("from-config", host.Get<IOptions<PixabayOptions>>().Value.ApiKey);
    }

    [Fact]
    public void RenditionChooser_TakesTheSmallestThatCoversTheOutput_ElseTheLargest()
    {
        StockRendition[] files = [new(1080, 1920, "a"), new(180, 320, "b"), new(90, 160, "c"), new(45, 80, "d")];

        Assert.Equal("c", StockRenditionChooser.Choose(files, new Core.Domain.VideoSize(90, 160))!.Url);
        Assert.Equal("b", StockRenditionChooser.Choose(files, new Core.Domain.VideoSize(100, 170))!.Url);
        Assert.Equal("a", StockRenditionChooser.Choose(files, new Core.Domain.VideoSize(2160, 3840))!.Url);
    }
}
