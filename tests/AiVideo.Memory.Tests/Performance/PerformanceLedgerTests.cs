using AiVideo.Memory.Performance;
using AiVideo.Testing;
using static AiVideo.Memory.Tests.Performance.PerformanceTestData;

namespace AiVideo.Memory.Tests.Performance;

public sealed class PerformanceLedgerTests : IDisposable
{
    private const string Yt = "youtube_shorts";
    private const string Tt = "tiktok";

    private readonly TempDirectory _dir = new();
    private readonly PerformanceLedger _ledger;

    public PerformanceLedgerTests() => _ledger = new PerformanceLedger(_dir.Combine("aivideo.db"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RecordAsync_UnknownVideoWithoutDetails_ThrowsUnknownVideoExceptionAndStoresNothing()
    {
        var ex = await Assert.ThrowsAsync<UnknownVideoException>(() =>
            _ledger.RecordAsync(Metrics(Yt, "ghost", Posted.AddDays(1), 100), null, "test", CancellationToken.None));

        Assert.Equal(Yt, ex.Platform);
        Assert.Equal("ghost", ex.ExternalId);
        Assert.Equal(0, await _ledger.CountObservationsAsync(Yt, "ghost", CancellationToken.None));
        Assert.Null(await _ledger.FindVideoAsync(Yt, "ghost", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_UnknownVideoWithDetails_RegistersVideoAndStoresMetrics()
    {
        var video = Video("space", Yt, "v1", "The moon is drifting away", "The moon is leaving us.");
        var metrics = Metrics(Yt, "v1", Posted.AddDays(1), 100);

        var outcome = await _ledger.RecordAsync(metrics, video, "test", CancellationToken.None);

        Assert.Equal(MetricsRecordOutcome.Recorded, outcome);
        Assert.Equal("The moon is drifting away", (await _ledger.FindVideoAsync(Yt, "v1", CancellationToken.None))?.Title);
        Assert.Equal(metrics, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest);
    }

    [Fact]
    public async Task RecordAsync_SameNumbersTwice_SecondIsDuplicate_DifferentNumbersThrowsConflict()
    {
        await _ledger.RegisterVideoAsync(Video("space", Yt, "v1", "Moon", "Moon hook"), CancellationToken.None);
        var metrics = Metrics(Yt, "v1", Posted.AddDays(1), 100, likes: 3);

        Assert.Equal(MetricsRecordOutcome.Recorded, await _ledger.RecordAsync(metrics, null, "a", CancellationToken.None));
        Assert.Equal(MetricsRecordOutcome.Duplicate, await _ledger.RecordAsync(metrics, null, "b", CancellationToken.None));
        await Assert.ThrowsAsync<MetricsConflictException>(() =>
            _ledger.RecordAsync(metrics with { Likes = 4 }, null, "c", CancellationToken.None));

        Assert.Equal(1, await _ledger.CountObservationsAsync(Yt, "v1", CancellationToken.None));
        Assert.Equal(3, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest?.Likes);
    }

    [Fact]
    public async Task ListAsync_SeveralObservations_ReturnsNewestObservationPerVideo()
    {
        await _ledger.RegisterVideoAsync(Video("space", Yt, "a", "Moon", "Moon hook"), CancellationToken.None);
        await _ledger.RegisterVideoAsync(Video("space", Yt, "b", "Mars", "Mars hook", postedAt: Posted.AddDays(1)), CancellationToken.None);
        // Recorded out of order: the newest observation must win, not the last one written.
        var newestA = Metrics(Yt, "a", Posted.AddDays(7), 900, likes: 40);
        await _ledger.RecordAsync(newestA, null, "t", CancellationToken.None);
        await _ledger.RecordAsync(Metrics(Yt, "a", Posted.AddDays(1), 100), null, "t", CancellationToken.None);
        await _ledger.RecordAsync(Metrics(Yt, "a", Posted.AddDays(3), 400), null, "t", CancellationToken.None);

        var list = await _ledger.ListAsync("space", null, CancellationToken.None);

        Assert.Equal(["b", "a"], list.Select(v => v.Video.ExternalId)); // newest post first
        Assert.Null(list[0].Latest);
        Assert.Null(list[0].Score);
        Assert.Equal(newestA, list[1].Latest);
        Assert.Equal(PerformanceScore.Of(newestA), list[1].Score);
        Assert.Equal(3, await _ledger.CountObservationsAsync(Yt, "a", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_ChannelAndPlatform_FiltersToThatChannelAndPlatform()
    {
        await _ledger.RegisterVideoAsync(Video("space", Yt, "s-yt", "Moon", "Moon hook"), CancellationToken.None);
        await _ledger.RegisterVideoAsync(Video("space", Tt, "s-tt", "Moon", "Moon hook"), CancellationToken.None);
        await _ledger.RegisterVideoAsync(Video("pasta", Yt, "p-yt", "Pasta", "Pasta hook"), CancellationToken.None);
        await _ledger.RegisterVideoAsync(Video("pasta", Tt, "p-tt", "Pasta", "Pasta hook"), CancellationToken.None);

        var space = await _ledger.ListAsync("space", null, CancellationToken.None);
        var spaceTikTok = await _ledger.ListAsync("space", Tt, CancellationToken.None);
        var pastaYouTube = await _ledger.ListAsync("pasta", Yt, CancellationToken.None);
        var nobody = await _ledger.ListAsync("history", null, CancellationToken.None);

        Assert.Equal(["s-tt", "s-yt"], space.Select(v => v.Video.ExternalId).Order());
        Assert.Equal("s-tt", Assert.Single(spaceTikTok).Video.ExternalId);
        Assert.Equal("p-yt", Assert.Single(pastaYouTube).Video.ExternalId);
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task RegisterVideoAsync_Twice_UpdatesDetailsAndKeepsMetrics()
    {
        var first = Video("space", Yt, "v1", "Old title", "Old hook", HookStyles.Question, beats: ["one"]) with { RunId = "run-1" };
        await _ledger.RegisterVideoAsync(first, CancellationToken.None);
        var metrics = Metrics(Yt, "v1", Posted.AddDays(2), 500, likes: 9);
        await _ledger.RecordAsync(metrics, null, "t", CancellationToken.None);

        var second = Video("space", Yt, "v1", "New title", "New hook", HookStyles.Shock, postedAt: Posted.AddHours(1), beats: ["a", "b"]);
        await _ledger.RegisterVideoAsync(second, CancellationToken.None);

        var stored = Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None));
        Assert.Equal("New title", stored.Video.Title);
        Assert.Equal("New hook", stored.Video.Hook);
        Assert.Equal(HookStyles.Shock, stored.Video.HookStyle);
        Assert.Equal(["a", "b"], stored.Video.Beats);
        Assert.Equal(Posted.AddHours(1), stored.Video.PostedAt);
        Assert.Equal("run-1", stored.Video.RunId); // a re-registration without a run id keeps the one known
        Assert.Equal(metrics, stored.Latest);
        Assert.Equal(1, await _ledger.CountObservationsAsync(Yt, "v1", CancellationToken.None));
    }

    [Fact]
    public async Task RecordBatchAsync_OneRowConflicts_ThrowsWithItsIndexAndStoresNothing()
    {
        await _ledger.RegisterVideoAsync(Video("space", Yt, "known", "Moon", "Moon hook"), CancellationToken.None);
        var stored = Metrics(Yt, "known", Posted.AddDays(1), 100);
        await _ledger.RecordAsync(stored, null, "t", CancellationToken.None);

        var batch = new List<(MetricsObservation, PublishedVideo?)>
        {
            (Metrics(Yt, "new", Posted.AddDays(1), 10), Video("space", Yt, "new", "Mars", "Mars hook")),
            (Metrics(Yt, "known", Posted.AddDays(2), 200), null),
            (stored with { Views = 101 }, null),
            (Metrics(Yt, "known", Posted.AddDays(3), 300), null),
        };

        var ex = await Assert.ThrowsAsync<MetricsBatchException>(() => _ledger.RecordBatchAsync(batch, "batch", CancellationToken.None));

        Assert.Equal(2, ex.Index);
        Assert.IsType<MetricsConflictException>(ex.InnerException);
        Assert.Null(await _ledger.FindVideoAsync(Yt, "new", CancellationToken.None));
        Assert.Equal(0, await _ledger.CountObservationsAsync(Yt, "new", CancellationToken.None));
        Assert.Equal(1, await _ledger.CountObservationsAsync(Yt, "known", CancellationToken.None));
        Assert.Equal(stored, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest);
    }

    [Fact]
    public async Task RecordBatchAsync_UnknownVideoInTheMiddle_ThrowsWithItsIndexAndStoresNothing()
    {
        var batch = new List<(MetricsObservation, PublishedVideo?)>
        {
            (Metrics(Tt, "a", Posted.AddDays(1), 10), Video("space", Tt, "a", "Moon", "Moon hook")),
            (Metrics(Tt, "ghost", Posted.AddDays(1), 10), null),
            (Metrics(Tt, "a", Posted.AddDays(2), 20), null),
        };

        var ex = await Assert.ThrowsAsync<MetricsBatchException>(() => _ledger.RecordBatchAsync(batch, "batch", CancellationToken.None));

        Assert.Equal(1, ex.Index);
        Assert.Equal("ghost", Assert.IsType<UnknownVideoException>(ex.InnerException).ExternalId);
        Assert.Empty(await _ledger.ListAsync("space", null, CancellationToken.None));
    }

    [Fact]
    public async Task RecordBatchAsync_AllValid_ReturnsOutcomePerRow()
    {
        await _ledger.RegisterVideoAsync(Video("space", Yt, "v1", "Moon", "Moon hook"), CancellationToken.None);
        var existing = Metrics(Yt, "v1", Posted.AddDays(1), 100);
        await _ledger.RecordAsync(existing, null, "t", CancellationToken.None);

        var outcomes = await _ledger.RecordBatchAsync(
            [(existing, null), (Metrics(Yt, "v1", Posted.AddDays(2), 150), null)], "batch", CancellationToken.None);

        Assert.Equal([MetricsRecordOutcome.Duplicate, MetricsRecordOutcome.Recorded], outcomes);
        Assert.Equal(2, await _ledger.CountObservationsAsync(Yt, "v1", CancellationToken.None));
    }
}
