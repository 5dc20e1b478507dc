using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using AiVideo.Memory.Embeddings;
using AiVideo.Memory.Performance;
using AiVideo.Memory.Sqlite;
using AiVideo.Testing;
using static AiVideo.Memory.Tests.Performance.PerformanceTestData;

namespace AiVideo.Memory.Tests.Performance;

public sealed class PerformanceMemoryTests : IDisposable
{
    private const string Yt = "youtube_shorts";
    private const string Tt = "tiktok";
    private const string Query = "the moon is drifting away";

    private static readonly string[] MoonKeys = ["youtube_shorts:moon-drift", "youtube_shorts:moon-phases", "tiktok:moon-landing"];

    private readonly TempDirectory _dir = new();
    private readonly HashedNgramEmbeddingGenerator _embedder = new();
    private readonly PerformanceLedger _ledger;
    private readonly SqliteVectorStore _store;

    public PerformanceMemoryTests()
    {
        var db = _dir.Combine("aivideo.db");
        _ledger = new PerformanceLedger(db);
        _store = new SqliteVectorStore(db, _embedder);
    }

    public void Dispose()
    {
        _store.Dispose();
        _embedder.Dispose();
        _dir.Dispose();
    }

    private PerformanceMemory Memory(PerformanceMemoryOptions? options = null, TimeProvider? time = null) =>
        new(_ledger, _store, "sqlite", _embedder, options ?? new PerformanceMemoryOptions { Similar = 3, BestAndWorst = 1 }, time ?? TimeProvider.System);

    private async Task AddAsync(PublishedVideo video, long views, double avgViewPercent, long likes = 0, long follows = 0)
    {
        await _ledger.RecordAsync(
            Metrics(video.Platform, video.ExternalId, video.PostedAt.AddDays(2), views, avgViewPercent, likes: likes, follows: follows),
            video, "test", CancellationToken.None);
    }

    /// <summary>Five space videos (three about the moon) and three pasta videos, one of them lexically moon-heavy.</summary>
    private async Task SeedAsync()
    {
        // Scores: views·avg%/100 + 2·likes + 10·follows.
        await AddAsync(Video("space", Yt, "moon-drift", "The moon is drifting away from Earth", "The moon drifts 3.8 cm away every year.", HookStyles.Question), 2000, 50, likes: 50); // 1100
        await AddAsync(Video("space", Yt, "moon-phases", "Why the moon has phases", "The moon never changes shape, only its light does.", HookStyles.Question), 1000, 40, likes: 10); // 420
        await AddAsync(Video("space", Tt, "moon-landing", "The first moon landing", "Footprints on the moon will last a million years.", HookStyles.Shock), 3000, 50); // 1500
        await AddAsync(Video("space", Yt, "mars", "Rovers digging for water on Mars", "Mars once had rivers and lakes.", HookStyles.Curiosity), 10000, 60, likes: 100, follows: 20); // 6400
        await AddAsync(Video("space", Tt, "black-hole", "Black holes swallow light", "Nothing escapes a black hole, not even light.", HookStyles.Statement), 200, 30); // 60

        await AddAsync(Video("pasta", Yt, "ravioli", "Moon ravioli: the moon is drifting away onto your plate", "The moon is drifting away into ravioli.", HookStyles.Question), 100000, 90, likes: 5000);
        await AddAsync(Video("pasta", Yt, "al-dente", "How to cook pasta al dente", "Bite it: al dente means to the tooth.", HookStyles.Statement), 50000, 80);
        await AddAsync(Video("pasta", Tt, "carbonara", "The real carbonara has no cream", "Italians never put cream in carbonara.", HookStyles.Shock), 1, 10);
    }

    [Fact]
    public async Task RecallAsync_MoonTopic_ReturnsSimilarMoonVideosFirstThenBestAndWorstOfThatChannelOnly()
    {
        await SeedAsync();

        var context = await Memory().RecallAsync("space", Query, CancellationToken.None);

        Assert.False(context.IsEmpty);
        Assert.Equal(5, context.MeasuredVideos);
        Assert.All(context.Videos, v => Assert.DoesNotContain(v.Key, new[] { "youtube_shorts:ravioli", "youtube_shorts:al-dente", "tiktok:carbonara" }));

        var similar = context.Videos.Take(3).ToList();
        Assert.Equal(MoonKeys.Order(), similar.Select(v => v.Key).Order());
        Assert.Equal("youtube_shorts:moon-drift", similar[0].Key);
        var query = _embedder.Embed(Query);
        var stored = (await _ledger.ListAsync("space", null, CancellationToken.None)).ToDictionary(v => v.Key);
        foreach (var v in similar)
        {
            Assert.NotNull(v.Similarity);
            var reason = Assert.Single(v.Reasons, r => r.StartsWith("similar topic (", StringComparison.Ordinal));
            Assert.Matches(@"^similar topic \(0\.\d\d\)$", reason);
            var shown = double.Parse(Regex.Match(reason, @"\d\.\d\d").Value, CultureInfo.InvariantCulture);
            Assert.InRange(Math.Abs(shown - v.Similarity!.Value), 0, 0.0051);
            var cosine = TensorPrimitives.CosineSimilarity(query, _embedder.Embed(stored[v.Key].Video.EmbeddingText));
            Assert.Equal(cosine, v.Similarity.Value, 2);
        }
        Assert.True(similar[0].Similarity >= similar[1].Similarity && similar[1].Similarity >= similar[2].Similarity);
        Assert.All(context.Videos.Skip(3), v => Assert.Null(v.Similarity));

        var best = Assert.Single(context.Videos, v => v.Reasons.Any(r => r.StartsWith("best performer", StringComparison.Ordinal)));
        var worst = Assert.Single(context.Videos, v => v.Reasons.Any(r => r.StartsWith("worst performer", StringComparison.Ordinal)));
        Assert.Equal("youtube_shorts:mars", best.Key);
        Assert.Equal("best performer (score 6400)", Assert.Single(best.Reasons));
        Assert.Equal(6400, best.Score);
        Assert.Equal(10000, best.Views);
        Assert.Equal(60, best.AverageViewPercent);
        Assert.Equal("tiktok:black-hole", worst.Key);
        Assert.Equal("worst performer (score 60)", Assert.Single(worst.Reasons));
        Assert.Equal(5, context.Videos.Count);
        Assert.Equal(context.Videos.Count, context.Videos.Select(v => v.Key).Distinct().Count());
    }

    [Fact]
    public async Task RecallAsync_PastaChannel_NeverReturnsSpaceVideos()
    {
        await SeedAsync();

        var context = await Memory().RecallAsync("pasta", Query, CancellationToken.None);

        Assert.Equal(["tiktok:carbonara", "youtube_shorts:al-dente", "youtube_shorts:ravioli"], context.Videos.Select(v => v.Key).Order());
        Assert.Equal("youtube_shorts:ravioli", context.Videos[0].Key);
        Assert.Equal(3, context.MeasuredVideos);
    }

    [Fact]
    public async Task RecallAsync_HookStyles_AreMeanScoresPerStyleBestFirst()
    {
        await SeedAsync();

        var context = await Memory().RecallAsync("space", Query, CancellationToken.None);

        Assert.Equal(
            [
                new HookStyleStat(HookStyles.Curiosity, 1, 6400),
                new HookStyleStat(HookStyles.Shock, 1, 1500),
                new HookStyleStat(HookStyles.Question, 2, 760), // (1100 + 420) / 2
                new HookStyleStat(HookStyles.Statement, 1, 60),
            ],
            context.HookStyles);
    }

    [Fact]
    public async Task SyncAsync_OnlyReembedsNewOrChangedVideos()
    {
        await SeedAsync();
        var memory = Memory();

        Assert.Equal(5, await memory.SyncAsync("space", CancellationToken.None));
        Assert.Equal(0, await memory.SyncAsync("space", CancellationToken.None));
        Assert.Equal(3, await memory.SyncAsync("pasta", CancellationToken.None));
        Assert.Equal(0, await Memory().SyncAsync("space", CancellationToken.None)); // fingerprints persist across instances

        await _ledger.RecordAsync(Metrics(Yt, "mars", Posted.AddDays(9), 20000, 60), null, "test", CancellationToken.None);
        Assert.Equal(1, await memory.SyncAsync("space", CancellationToken.None));
        Assert.Equal(0, await memory.SyncAsync("space", CancellationToken.None));

        await _ledger.RegisterVideoAsync(Video("space", Yt, "saturn", "Saturn's rings are vanishing", "Saturn is losing its rings."), CancellationToken.None);
        Assert.Equal(1, await memory.SyncAsync("space", CancellationToken.None));
        Assert.Equal(0, await memory.SyncAsync("pasta", CancellationToken.None));
    }

    [Fact]
    public async Task RecallAsync_ChannelWithoutHistory_ReturnsEmptyContext()
    {
        await SeedAsync();

        var context = await Memory().RecallAsync("history", Query, CancellationToken.None);

        Assert.True(context.IsEmpty);
        Assert.Same(PerformanceContext.Empty, context);
        Assert.Equal(0, context.MeasuredVideos);
    }

    [Fact]
    public async Task RecallAsync_LookbackDays_ExcludesVideosPostedBeforeTheWindow()
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var recent = now.AddDays(-10);
        var old = now.AddDays(-90);
        await AddAsync(Video("space", Yt, "moon-old", "The moon is drifting away", "The moon is drifting away.", HookStyles.Shock, old), 90000, 90);
        await AddAsync(Video("space", Yt, "moon-new", "Moon phases", "The moon has phases.", HookStyles.Question, recent), 1000, 50);
        await AddAsync(Video("space", Tt, "mars-new", "Mars rovers", "Mars once had rivers.", HookStyles.Statement, recent), 400, 50);
        var options = new PerformanceMemoryOptions { Similar = 3, BestAndWorst = 1, LookbackDays = 30 };

        var windowed = await Memory(options, new StoppedClock(now)).RecallAsync("space", Query, CancellationToken.None);
        var everything = await Memory(options with { LookbackDays = 0 }, new StoppedClock(now)).RecallAsync("space", Query, CancellationToken.None);
        var future = await Memory(options, new StoppedClock(now.AddDays(365))).RecallAsync("space", Query, CancellationToken.None);

        Assert.Equal(["tiktok:mars-new", "youtube_shorts:moon-new"], windowed.Videos.Select(v => v.Key).Order());
        Assert.Equal(2, windowed.MeasuredVideos);
        Assert.Equal([HookStyles.Question, HookStyles.Statement], windowed.HookStyles.Select(s => s.Style));
        Assert.Equal("youtube_shorts:moon-old", everything.Videos[0].Key);
        Assert.Equal(3, everything.MeasuredVideos);
        Assert.Same(PerformanceContext.Empty, future);
    }
    [Fact]
    public async Task RecallAsync_LookbackDaysWithManySimilarOldVideos_StillRecallsSimilarRecentVideo()
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            await AddAsync(Video("space", Yt, "moon-old-" + i, "The moon is drifting away " + i, "The moon is drifting away.", HookStyles.Shock, now.AddDays(-100)), 100, 50);
        }
        await AddAsync(Video("space", Yt, "moon-new", "Moon phases", "The moon has phases.", HookStyles.Question, now.AddDays(-5)), 100, 50);
        var options = new PerformanceMemoryOptions { Similar = 2, BestAndWorst = 0, LookbackDays = 30 };

        var context = await Memory(options, new StoppedClock(now)).RecallAsync("space", Query, CancellationToken.None);

        var recalled = Assert.Single(context.Videos);
        Assert.Equal("youtube_shorts:moon-new", recalled.Key);
        Assert.NotNull(recalled.Similarity);
        Assert.StartsWith("similar topic (", Assert.Single(recalled.Reasons), StringComparison.Ordinal);
    }
}
