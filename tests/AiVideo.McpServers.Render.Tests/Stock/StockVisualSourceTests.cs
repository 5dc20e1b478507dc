using System.Globalization;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Stock;

/// <summary>The pexels and pixabay visual sources end to end against the fake API, composing real clips with ffmpeg (90x160, 12 fps).</summary>
public sealed class StockVisualSourceTests(StockClipFixture clip) : IClassFixture<StockClipFixture>, IDisposable
{
    private static readonly VideoSize Output = new(90, 160);

    private readonly TempDirectory _root = new("aivideo-stock-source");
    private readonly AutoAdvancingTimeProvider _time = new();
    private FakeStockApi? _api;

    public void Dispose()
    {
        _api?.Dispose();
        _root.Dispose();
    }

    private async Task<FakeStockApi> ApiAsync() => _api ??= new FakeStockApi(await clip.ClipAsync());

    private StockTestHost Host(FakeStockApi api, IDictionary<string, string?>? settings = null) => new(_root.Combine("data"), api, _time, settings);

    private VisualRequest Request(string query, double seconds, string run = "run-1", string shot = "s01", string? output = null) =>
        new($"a shot of {query}", query, 7, Output, seconds, 12, output ?? _root.Combine("ws", run, shot + ".mp4")) { ChannelId = "ch", RunId = run, ShotId = shot };

    private static async Task<double> ProbeSecondsAsync(string path) => (await new MediaProbe(new ProcessRunner()).ProbeAsync(path, CancellationToken.None)).DurationSec;

    [Fact]
    public async Task Fill_PicksTheRenditionNearestTheOutputSize_AndFitsTheClipToTheBeat()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(1001, "ocean-waves-at-dusk", 3, (1080, 1920), (180, 320), (90, 160), (45, 80)));
        using var host = Host(api);

        var result = await host.Source("pexels").FillAsync(Request("ocean waves", 1.5), null, CancellationToken.None);

        Assert.Equal(("pexels", 0m, false), (result.Source, result.CostUsd, result.Reused));
        var part = Assert.Single(result.Parts);
        Assert.Equal(("pexels/1001-90x160.mp4", 1.5, 1.0), (part.Item, part.DurationSec, part.Speed));
        Assert.Equal("/files/1001-90x160.mp4", Assert.Single(api.Downloads).Path);
        Assert.True(File.Exists(Path.Combine(_root.Combine("data"), "stock", "pexels", "1001-90x160.mp4")));
        Assert.Equal(1.5, await ProbeSecondsAsync(Request("ocean waves", 1.5).OutputPath), 1);
    }

    [Fact]
    public async Task Fill_SkipsResultsShorterThanTheBeat_WhenALongerMatchingOneExists()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(2001, "ocean-waves-crashing", 1, (90, 160)));  // the query word for word, but too short
        api.PexelsVideos.Add(api.PexelsVideo(2002, "ocean-waves-at-sea", 4, (90, 160)));
        using var host = Host(api);

        var result = await host.Source("pexels").FillAsync(Request("ocean waves crashing", 2), null, CancellationToken.None);

        Assert.True(result.Parts.Count == 1, $"expected the long result alone, got {string.Join(" + ", result.Parts.Select(p => $"{p.Item} ({p.Score})"))}");
        Assert.Equal("pexels/2002-90x160.mp4", result.Parts[0].Item);
        Assert.Equal("/files/2002-90x160.mp4", Assert.Single(api.Downloads).Path);
    }

    [Fact]
    public async Task Fill_NoSingleResultLongEnough_JoinsTwoThatCoverTheBeat()
    {
        var api = await ApiAsync();
        api.PixabayHits.Add(api.PixabayHit(31, "forest, trees, fog", 1.2));
        api.PixabayHits.Add(api.PixabayHit(32, "forest, path, trees", 1.2));
        using var host = Host(api);

        var result = await host.Source("pixabay").FillAsync(Request("forest trees", 2), null, CancellationToken.None);

        Assert.Equal(2, result.Parts.Count);
        Assert.Equal(new[] { "pixabay/31-90x160.mp4", "pixabay/32-90x160.mp4" }, result.Parts.Select(p => p.Item).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2.0, result.Parts.Sum(p => p.DurationSec), 3);
        Assert.All(result.Parts, p => Assert.Equal(1.0, p.Speed));
        Assert.Equal(2.0, await ProbeSecondsAsync(Request("forest trees", 2).OutputPath), 1);
        Assert.All(result.Parts, p => Assert.Equal(new VisualCredit("Pixabay", "coverr", "https://pixabay.com/users/coverr-4242/",
            $"https://pixabay.com/videos/clip-{p.Item[8..10]}/", "Pixabay Content License", Required: false), p.Credit));
        Assert.Null(result.Parts[0].TaskId);
    }

    [Fact]
    public async Task Fill_ResultsTooShortEvenJoined_CannotFill_SayingHowLongTheyAre()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(3001, "city-traffic-night", 1, (90, 160)));
        using var host = Host(api);

        var error = await Assert.ThrowsAsync<SourceCannotFillException>(() => host.Source("pexels").FillAsync(Request("city traffic", 3.2), null, CancellationToken.None));

        Assert.Equal("pexels", error.VisualSource);
        Assert.Equal("pexels: no Pexels result for 'city traffic' lasts 3.2 s (longest 1 s), and joined they cover less than 0.8× of it", error.Message);
        Assert.Empty(api.Downloads);
    }

    [Fact]
    public async Task Fill_NothingScoresAboveTheFloor_CannotFill()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(4001, "kitten-playing-with-yarn", 5, (90, 160)));
        using var host = Host(api);

        var error = await Assert.ThrowsAsync<SourceCannotFillException>(() => host.Source("pexels").FillAsync(Request("volcano eruption", 2), null, CancellationToken.None));

        Assert.StartsWith("pexels: no Pexels result for 'volcano eruption' scores ≥ 0.12 (1 results; best 'kitten playing with yarn' at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_IdenticalRequestTwice_SecondIsReusedWithoutAnyHttpRequest()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(5001, "mountain-sunrise", 3, (90, 160)));
        using var host = Host(api);
        var source = host.Source("pexels");
        var request = Request("mountain sunrise", 1);
        Assert.Equal((0m, false), source.Estimate(request));

        var first = await source.FillAsync(request, null, CancellationToken.None);
        var requests = api.Server.Requests.Count;
        var estimate = source.Estimate(request);
        var second = await source.FillAsync(request, null, CancellationToken.None);

        Assert.Equal(2, requests); // one search, one download
        Assert.Equal(requests, api.Server.Requests.Count);
        Assert.Equal((0m, true), estimate);
        Assert.Equal((false, true), (first.Reused, second.Reused));
        Assert.Equal(first.Parts, second.Parts);
    }

    [Fact]
    public async Task Fill_SameRun_NeverPicksTheSameItemTwice_AndARepeatedShotReturnsItsPick()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(6001, "desert-dunes-wind", 3, (90, 160)));
        api.PexelsVideos.Add(api.PexelsVideo(6002, "desert-dunes", 3, (90, 160)));
        using var host = Host(api);
        var source = host.Source("pexels");

        var s1 = await source.FillAsync(Request("desert dunes wind", 1, shot: "s01"), null, CancellationToken.None);
        var s2 = await source.FillAsync(Request("desert dunes wind", 1, shot: "s02"), null, CancellationToken.None);
        var searches = api.Searches.Count;
        var again = await source.FillAsync(Request("desert dunes wind", 1, shot: "s01", output: _root.Combine("ws", "elsewhere.mp4")), null, CancellationToken.None);
        var otherRun = await source.FillAsync(Request("desert dunes wind", 1, run: "run-2"), null, CancellationToken.None);

        Assert.Equal("pexels/6001-90x160.mp4", s1.Item);
        Assert.Equal("pexels/6002-90x160.mp4", s2.Item);
        Assert.Equal(s1.Item, again.Item);
        Assert.Equal(searches, api.Searches.Count - 1); // the repeated shot did not search again (only the other run did)
        Assert.Equal("pexels/6001-90x160.mp4", otherRun.Item); // another video may use it
        Assert.Equal(2, api.Downloads.Count); // each file downloaded once
        var third = await Assert.ThrowsAsync<SourceCannotFillException>(() => source.FillAsync(Request("desert dunes wind", 1, shot: "s03"), null, CancellationToken.None));
        Assert.Equal("pexels: all 2 Pexels results for 'desert dunes wind' are already used in this video", third.Message);
    }

    [Fact]
    public async Task Fill_ShotsOfOneRunInParallel_GetDifferentItems()
    {
        var api = await ApiAsync();
        api.PixabayHits.Add(api.PixabayHit(91, "city, skyline, night", 3));
        api.PixabayHits.Add(api.PixabayHit(92, "city, skyline", 3));
        using var host = Host(api);
        var source = host.Source("pixabay");

        var shots = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => source.FillAsync(Request("city skyline night", 1, shot: $"s{i:00}"), null, CancellationToken.None)));

        Assert.Equal(new[] { "pixabay/91-90x160.mp4", "pixabay/92-90x160.mp4" }, shots.Select(s => s.Item!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Fill_RecordsThePexelsCreditOnThePart_AsRequired()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(7001, "coffee-pouring", 3, (90, 160)));
        using var host = Host(api);

        var result = await host.Source("pexels").FillAsync(Request("coffee pouring", 1), null, CancellationToken.None);

        var credit = Assert.Single(result.Parts).Credit;
        Assert.Equal(new VisualCredit("Pexels", "Jane Doe", "https://www.pexels.com/@jane-doe", "https://www.pexels.com/video/coffee-pouring-7001/", "Pexels License", Required: true), credit);
        Assert.Contains("credit required: Video by Jane Doe on Pexels (https://www.pexels.com/video/coffee-pouring-7001/)", result.Note, StringComparison.Ordinal);
        Assert.Null(result.Parts[0].TaskId);
    }

    [Fact]
    public async Task Fill_NoApiKey_CannotFill_NamingTheSetting_WithoutAnyRequest()
    {
        var api = await ApiAsync();
        using var host = Host(api, new Dictionary<string, string?> { ["Render:Pexels:ApiKey"] = "" });

        var error = await Assert.ThrowsAsync<SourceCannotFillException>(() => host.Source("pexels").FillAsync(Request("ocean", 1), null, CancellationToken.None));

        Assert.Equal("pexels: no API key: set AIVIDEO__RENDER__PEXELS__APIKEY (or PEXELS_API_KEY)", error.Message);
        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task Fill_KeyRefused_CannotFill_WithTheReasonAndWithoutTheKey()
    {
        var api = await ApiAsync();
        api.Override.Enqueue(CannedResponse.Text(401, "{\"error\":\"bad key\"}"));
        using var host = Host(api);

        var error = await Assert.ThrowsAsync<SourceCannotFillException>(() => host.Source("pixabay").FillAsync(Request("ocean", 1), null, CancellationToken.None));

        Assert.Equal("pixabay: Pixabay refused the API key (401): check AIVIDEO__RENDER__PIXABAY__APIKEY (or PIXABAY_API_KEY)", error.Message);
        Assert.DoesNotContain(FakeStockApi.PixabayKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_ExpiredDownloadLink_CannotFill_AndTheShotIsSearchedAgainNextTime()
    {
        var api = await ApiAsync();
        api.PexelsVideos.Add(api.PexelsVideo(8001, "rain-window", 3, (90, 160)));
        using var host = Host(api);
        var source = host.Source("pexels");
        api.Intercept = r => r.Path.StartsWith("/files/", StringComparison.Ordinal) ? CannedResponse.Text(410, "gone") : null;

        var error = await Assert.ThrowsAsync<SourceCannotFillException>(() => source.FillAsync(Request("rain window", 1), null, CancellationToken.None));
        api.Intercept = null;
        var retried = await source.FillAsync(Request("rain window", 1), null, CancellationToken.None);

        Assert.Equal("pexels: download of pexels:8001 failed (410); the link may have expired — the item will be searched again next time", error.Message);
        Assert.Equal("pexels/8001-90x160.mp4", retried.Item);
        Assert.Equal(2, api.Searches.Count);
        Assert.Empty(Directory.GetFiles(_root.Combine("data", "stock", "pexels"), "*.partial", SearchOption.AllDirectories));
    }
}
