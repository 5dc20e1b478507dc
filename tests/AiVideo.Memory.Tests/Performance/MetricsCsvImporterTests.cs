using AiVideo.Memory.Performance;
using AiVideo.Testing;
using static AiVideo.Memory.Tests.Performance.PerformanceTestData;

namespace AiVideo.Memory.Tests.Performance;

public sealed class MetricsCsvImporterTests : IDisposable
{
    private const string Yt = "youtube_shorts";
    private const string Tt = "tiktok";

    private readonly TempDirectory _dir = new();
    private readonly PerformanceLedger _ledger;
    private readonly MetricsCsvImporter _importer;

    public MetricsCsvImporterTests()
    {
        _ledger = new PerformanceLedger(_dir.Combine("aivideo.db"));
        _importer = new MetricsCsvImporter(_ledger);
    }

    public void Dispose() => _dir.Dispose();

    private Task<MetricsImportReport> ImportAsync(params string[] lines) => ImportTextAsync(string.Join("\n", lines) + "\n");

    private Task<MetricsImportReport> ImportTextAsync(string csv) => _importer.ImportAsync(new StringReader(csv), "test.csv", CancellationToken.None);

    private Task RegisterKnownAsync() =>
        _ledger.RegisterVideoAsync(Video("space", Tt, "known-1", "Black holes", "A black hole ate a star.", HookStyles.Statement), CancellationToken.None);

    [Fact]
    public async Task ImportAsync_GoodFileInAnyColumnOrder_ImportsAllRowsAndListShowsNewestMetrics()
    {
        await RegisterKnownAsync();

        var report = await ImportAsync(
            "Views,title,observed_at,channel,video_id,hook,platform,posted_at,likes,avg_view_pct",
            "1200,\"Moon, explained: the \"\"drift\"\"\",2026-03-05T00:00:00Z,space,moon-1,Why is the moon leaving us?,youtube_shorts,2026-03-01T12:00:00Z,30,55.5",
            "800,\"Moon, explained: the \"\"drift\"\"\",2026-03-03T00:00:00Z,space,moon-1,Why is the moon leaving us?,youtube_shorts,2026-03-01T12:00:00Z,20,60",
            "5000,,2026-03-04T00:00:00Z,,known-1,,tiktok,,70,");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(3, report.Imported);
        Assert.Equal(0, report.Duplicates);

        var list = await _ledger.ListAsync("space", null, CancellationToken.None);
        Assert.Equal(2, list.Count);
        var moon = Assert.Single(list, v => v.Video.ExternalId == "moon-1");
        Assert.Equal(Yt, moon.Video.Platform);
        Assert.Equal("Moon, explained: the \"drift\"", moon.Video.Title);
        Assert.Equal("Moon, explained: the \"drift\"", moon.Video.Topic); // no topic column: the title stands in
        Assert.Equal("Why is the moon leaving us?", moon.Video.Hook);
        Assert.Equal(HookStyles.Question, moon.Video.HookStyle); // no hook_style column: classified
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), moon.Video.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), moon.Latest?.ObservedAt);
        Assert.Equal(1200, moon.Latest?.Views);
        Assert.Equal(30, moon.Latest?.Likes);
        Assert.Equal(55.5, moon.Latest?.AverageViewPercent);
        Assert.Equal(2, await _ledger.CountObservationsAsync(Yt, "moon-1", CancellationToken.None));

        var known = Assert.Single(list, v => v.Video.ExternalId == "known-1");
        Assert.Equal("Black holes", known.Video.Title); // blank detail columns do not overwrite the registration
        Assert.Equal(5000, known.Latest?.Views);
        Assert.Equal(70, known.Latest?.Likes);
        Assert.Equal(0, known.Latest?.AverageViewPercent);
    }

    [Fact]
    public async Task ImportAsync_OptionalDetailColumns_AreStoredOnTheRegisteredVideo()
    {
        var report = await ImportAsync(
            "platform,video_id,observed_at,views,channel,title,hook,posted_at,topic,hook_style,duration_sec,beats,shares,comments,follows,watch_time_sec",
            "instagram_reels,r1,2026-03-02T00:00:00+02:00,10,space,Moon,Moon hook,2026-03-01T00:00:00Z,the moon,shock,37.5,one | two|three,4,5,6,77.5");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var stored = Assert.Single(await _ledger.ListAsync("space", "instagram_reels", CancellationToken.None));
        Assert.Equal("the moon", stored.Video.Topic);
        Assert.Equal(HookStyles.Shock, stored.Video.HookStyle);
        Assert.Equal(37.5, stored.Video.DurationSec);
        Assert.Equal(["one", "two", "three"], stored.Video.Beats);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero), stored.Latest?.ObservedAt);
        Assert.Equal((4L, 5L, 6L, 77.5), (stored.Latest!.Shares, stored.Latest.Comments, stored.Latest.Follows, stored.Latest.WatchTimeSec));
    }

    [Fact]
    public async Task ImportAsync_VideoRegisteredByAnEarlierRowOfTheSameFile_AcceptsLaterRowsWithoutDetails()
    {
        var report = await ImportAsync(
            "platform,video_id,observed_at,views,channel,title,hook,posted_at",
            "tiktok,new-1,2026-03-02T00:00:00Z,10,space,Moon,Moon hook,2026-03-01T00:00:00Z",
            "tiktok,new-1,2026-03-03T00:00:00Z,20,,,,");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(2, report.Imported);
        Assert.Equal(20, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest?.Views);
    }

    [Fact]
    public async Task ImportAsync_FileWithBadRows_ReportsEveryBadRowWithItsLineAndImportsNothing()
    {
        await RegisterKnownAsync();
        var before = Metrics(Tt, "known-1", Posted.AddDays(1), 100);
        await _ledger.RecordAsync(before, null, "seed", CancellationToken.None);

        // CRLF line endings; the good row on lines 2-3 has a quoted title spanning two lines.
        var csv = string.Join("\r\n",
            "platform,video_id,observed_at,views,channel,title,hook,posted_at",                             // 1
            "youtube_shorts,good-1,2026-03-02T00:00:00Z,100,space,\"Good",                                   // 2
            "one\",Hook text,2026-03-01T00:00:00Z",                                                          // 3
            "youtube_shorts,v-views,2026-03-02T00:00:00Z,lots,space,T,H,2026-03-01T00:00:00Z",               // 4
            "myspace,v-platform,2026-03-02T00:00:00Z,10,space,T,H,2026-03-01T00:00:00Z",                     // 5
            "youtube_shorts,v-date,yesterday,10,space,T,H,2026-03-01T00:00:00Z",                             // 6
            "youtube_shorts,v-width,2026-03-02T00:00:00Z,10",                                                // 7
            "youtube_shorts,ghost,2026-03-02T00:00:00Z,10,,,,",                                              // 8
            "youtube_shorts,v-early,2026-02-01T00:00:00Z,10,space,T,H,2026-03-01T00:00:00Z",                 // 9
            "tiktok,known-1,2026-03-09T00:00:00Z,9000,,,,") + "\r\n";                                        // 10

        var report = await ImportTextAsync(csv);

        Assert.False(report.Succeeded);
        Assert.Equal(0, report.Imported);
        Assert.Equal([4, 5, 6, 7, 8, 9], report.Errors.Select(e => e.Line));
        Assert.Contains("views 'lots'", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown platform 'myspace'", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("observed_at 'yesterday'", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("has 4 fields; the header has 8", report.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("unknown video youtube_shorts/ghost", report.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("observed_at is before posted_at", report.Errors[5].Message, StringComparison.Ordinal);

        var list = await _ledger.ListAsync("space", null, CancellationToken.None);
        Assert.Equal(before, Assert.Single(list).Latest);
        Assert.Equal(1, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
        Assert.Null(await _ledger.FindVideoAsync(Yt, "good-1", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_IdenticalRowTwiceInFile_ImportsItOnceAndCountsOneDuplicate()
    {
        await RegisterKnownAsync();

        var report = await ImportAsync(
            "platform,video_id,observed_at,views,likes",
            "tiktok,known-1,2026-03-02T00:00:00Z,100,1",
            "tiktok,known-1,2026-03-03T00:00:00Z,200,2",
            "tiktok,known-1,2026-03-02T00:00:00Z,100,1");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(2, report.Imported);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(2, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondImportsNothingAndCountsEveryRowAsDuplicate()
    {
        await RegisterKnownAsync();
        string[] lines =
        [
            "platform,video_id,observed_at,views,likes,channel,title,hook,posted_at",
            "tiktok,known-1,2026-03-02T00:00:00Z,100,1,,,,",
            "tiktok,known-1,2026-03-03T00:00:00Z,200,2,,,,",
            "youtube_shorts,new-1,2026-03-03T00:00:00Z,50,0,space,Moon,Moon hook,2026-03-01T00:00:00Z",
            "tiktok,known-1,2026-03-02T00:00:00Z,100,1,,,,",
        ];
        var first = await ImportAsync(lines);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        Assert.Equal((3, 1), (first.Imported, first.Duplicates));

        var second = await ImportAsync(lines);

        Assert.True(second.Succeeded, string.Join("; ", second.Errors));
        Assert.Equal(0, second.Imported);
        Assert.Equal(4, second.Duplicates);
        Assert.Equal(2, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
        Assert.Equal(1, await _ledger.CountObservationsAsync(Yt, "new-1", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_SameVideoAndTimeWithDifferentNumbersInFile_ReportsTheLaterLineAndImportsNothing()
    {
        await RegisterKnownAsync();

        var report = await ImportAsync(
            "platform,video_id,observed_at,views",
            "tiktok,known-1,2026-03-02T00:00:00Z,100",
            "tiktok,known-1,2026-03-03T00:00:00Z,150",
            "tiktok,known-1,2026-03-02T00:00:00Z,101");

        var error = Assert.Single(report.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("tiktok/known-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("different numbers", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Imported);
        Assert.Equal(0, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_RowConflictsWithStoredMetrics_ReportsItsLineAndImportsNothing()
    {
        await RegisterKnownAsync();
        var stored = Metrics(Tt, "known-1", new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), 100, avgViewPercent: 0);
        await _ledger.RecordAsync(stored with { WatchTimeSec = 0 }, null, "seed", CancellationToken.None);

        var report = await ImportAsync(
            "platform,video_id,observed_at,views",
            "tiktok,known-1,2026-03-04T00:00:00Z,300",
            "tiktok,known-1,2026-03-02T00:00:00Z,999");

        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("tiktok/known-1 already has different metrics", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Imported);
        Assert.Equal(1, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
        Assert.Equal(100, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest?.Views);
    }

    [Fact]
    public async Task ImportAsync_SingleRowConflictsWithStoredMetrics_ReportsLineTwo()
    {
        await RegisterKnownAsync();
        await ImportAsync("platform,video_id,observed_at,views", "tiktok,known-1,2026-03-02T00:00:00Z,100");

        var report = await ImportAsync("platform,video_id,observed_at,views", "tiktok,known-1,2026-03-02T00:00:00Z,101");

        Assert.Equal(2, Assert.Single(report.Errors).Line);
        Assert.Equal(100, Assert.Single(await _ledger.ListAsync("space", null, CancellationToken.None)).Latest?.Views);
    }

    [Theory]
    [InlineData("platform,video_id,observed_at,likes", "tiktok,known-1,2026-03-02T00:00:00Z,1", "missing required column 'views'")]
    [InlineData("platform,observed_at,views", "tiktok,2026-03-02T00:00:00Z,1", "missing required column 'video_id'")]
    [InlineData("platform,video_id,observed_at,views,clicks", "tiktok,known-1,2026-03-02T00:00:00Z,1,5", "unknown column 'clicks'")]
    [InlineData("platform,video_id,observed_at,views,views", "tiktok,known-1,2026-03-02T00:00:00Z,1,1", "column 'views' appears 2 times")]
    public async Task ImportAsync_BadHeader_ReportsLineOneAndImportsNothing(string header, string row, string expected)
    {
        await RegisterKnownAsync();

        var report = await ImportAsync(header, row);

        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Imported);
        Assert.Equal(0, await _ledger.CountObservationsAsync(Tt, "known-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\r\n")]
    public async Task ImportAsync_EmptyFile_ReportsAnError(string csv)
    {
        var report = await ImportTextAsync(csv);

        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public async Task ImportAsync_NonIsoDate_ReportsTheLineInsteadOfGuessingMonthAndDay()
    {
        var report = await ImportAsync(
            "platform,video_id,observed_at,views,channel,title,hook,posted_at",
            "tiktok,x,02/03/2026,5,space,Moon,Moon hook,2026-01-01T00:00:00Z");

        var error = Assert.Single(report.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("observed_at '02/03/2026'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _ledger.ListAsync("space", null, CancellationToken.None));
    }
}
