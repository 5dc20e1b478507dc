using AiVideo.Memory.Performance;
using AiVideo.Testing;

namespace AiVideo.Memory.Tests.Import;

public sealed class CsvImportTests : IDisposable
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 1, 18, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly PerformanceLedger _ledger;

    public CsvImportTests() => _ledger = new PerformanceLedger(_dir.Combine("aivideo.db"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_GoodFile_AnyColumnOrderQuotedFieldsAndRegistration_StoresNewestMetrics()
    {
        await _ledger.RegisterVideoAsync(Video("known"), default);
        var csv = """"
            views,platform,video_id,observed_at,avg_view_pct,channel,title,hook,posted_at
            100,tiktok,known,2026-11-02T00:00:00Z,40,,,,
            250,tiktok,known,2026-11-03T00:00:00Z,45,,,,
            900,youtube_shorts,new1,2026-11-03T00:00:00Z,60,space,"Moons, rings and ""tails""",Did you know this about moons?,2026-11-01T18:00:00Z
            """";

        var report = await new MetricsCsvImporter(_ledger).ImportAsync(new StringReader(csv), "test", default);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal((3, 0), (report.Imported, report.Duplicates));
        var videos = await _ledger.ListAsync("space", null, default);
        Assert.Equal(250, videos.Single(v => v.Video.ExternalId == "known").Latest!.Views);
        var registered = videos.Single(v => v.Video.ExternalId == "new1");
        Assert.Equal("Moons, rings and \"tails\"", registered.Video.Title);
        Assert.Equal(HookStyles.Question, registered.Video.HookStyle);
    }

    [Fact]
    public async Task Import_BadRows_ReportsEachWithItsLineAndImportsNothing()
    {
        await _ledger.RegisterVideoAsync(Video("known"), default);
        var csv = """
            platform,video_id,observed_at,views
            tiktok,known,2026-11-02T00:00:00Z,100
            tiktok,known,2026-11-03T00:00:00Z,lots
            myspace,known,2026-11-03T00:00:00Z,5
            tiktok,known,yesterday,5
            tiktok,known,2026-11-04T00:00:00Z
            tiktok,ghost,2026-11-04T00:00:00Z,7
            """;

        var report = await new MetricsCsvImporter(_ledger).ImportAsync(new StringReader(csv), "test", default);

        Assert.False(report.Succeeded);
        Assert.Equal([3, 4, 5, 6, 7], report.Errors.Select(e => e.Line));
        Assert.Contains("views 'lots'", report.Errors[0].Message);
        Assert.Contains("unknown platform 'myspace'", report.Errors[1].Message);
        Assert.Contains("observed_at 'yesterday'", report.Errors[2].Message);
        Assert.Contains("has 3 fields", report.Errors[3].Message);
        Assert.Contains("unknown video tiktok/ghost", report.Errors[4].Message);
        Assert.Null((await _ledger.ListAsync("space", null, default)).Single().Latest); // the good row 2 was not imported either
    }

    [Fact]
    public async Task Import_DuplicateRows_AreSkippedInTheFileAndOnReimport_ConflictsAreErrors()
    {
        await _ledger.RegisterVideoAsync(Video("known"), default);
        var csv = """
            platform,video_id,observed_at,views
            tiktok,known,2026-11-02T00:00:00Z,100
            tiktok,known,2026-11-02T00:00:00Z,100
            tiktok,known,2026-11-03T00:00:00Z,150
            """;
        var importer = new MetricsCsvImporter(_ledger);

        var first = await importer.ImportAsync(new StringReader(csv), "test", default);
        var again = await importer.ImportAsync(new StringReader(csv), "test", default);
        var conflict = await importer.ImportAsync(new StringReader("platform,video_id,observed_at,views\ntiktok,known,2026-11-03T00:00:00Z,999\n"), "test", default);

        Assert.Equal((2, 1), (first.Imported, first.Duplicates));
        Assert.Equal((0, 3), (again.Imported, again.Duplicates));
        var error = Assert.Single(conflict.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("different metrics", error.Message);
        Assert.Equal(2, await _ledger.CountObservationsAsync("tiktok", "known", default));
    }

    [Fact]
    public async Task Import_BadHeader_IsReportedOnLineOne()
    {
        var report = await new MetricsCsvImporter(_ledger).ImportAsync(new StringReader("platform,video,views\n"), "test", default);

        Assert.All(report.Errors, e => Assert.Equal(1, e.Line));
        Assert.Contains(report.Errors, e => e.Message.Contains("unknown column 'video'", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Message.Contains("missing required column 'observed_at'", StringComparison.Ordinal));
    }

    private static PublishedVideo Video(string id) => new()
    {
        ChannelId = "space", Platform = "tiktok", ExternalId = id, Title = "Moon", Hook = "The moon. Let me explain.", Topic = "Moon",
        HookStyle = HookStyles.Statement, PostedAt = Posted,
    };
}
