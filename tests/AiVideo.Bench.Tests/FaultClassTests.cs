using AiVideo.Bench.Reliability;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Bench.Tests;

/// <summary>
/// The checker catches each fault class chaos injects: one run with gates off (measured, not enforced) and every
/// provider call hit by one forced fault kind; whatever goes live must be flagged with the fault's problem class.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class FaultClassTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-bench-faults");

    [Theory]
    [InlineData("drifted_shot", "drift")]
    [InlineData("misspelled_brand", "brand")]
    [InlineData("wrong_duration_audio", "av|captions")]
    public async Task GatesOff_ForcedFault_EveryLivePostIsFlagged(string kind, string classes)
    {
        var (result, text) = await RunAsync(kind);

        Assert.NotEmpty(result.Check.Posts); // with gates off the faulty video is published …
        Assert.All(result.Check.Posts, p => Assert.True(p.Problems.Any(x => classes.Split('|').Contains(x.Class)), $"{p.Location}: {string.Join("; ", p.Problems)}\n{text}"));
        Assert.Equal(1, result.ExitCode); // … and the benchmark fails
        Assert.Equal(0, result.Check.Orphans);
        Assert.Equal(0, result.Check.Duplicates);
    }

    /// <summary>A broken file either stops the run (nothing live) or is flagged by the checker; never a clean-looking live post.</summary>
    [Theory]
    [InlineData("truncated_file")]
    [InlineData("zero_length_file")]
    public async Task GatesOff_BrokenFiles_NothingLiveOrFlagged(string kind)
    {
        var (result, text) = await RunAsync(kind);

        Assert.All(result.Check.Posts, p => Assert.True(p.Invalid, $"{p.Location} passed\n{text}"));
        if (result.Check.Posts.Count == 0) Assert.Equal("dead_lettered", Assert.Single(result.Check.Runs).Outcome);
        Assert.Equal(0, result.Check.Orphans);
    }

    /// <summary>A post that landed while the platform answered 502 is reconciled: counted live in its report, not an orphan, not posted twice.</summary>
    [Fact]
    public async Task LandsButReports502_PostIsLiveInTheReport_NotOrphanedNorDuplicated()
    {
        var (result, text) = await RunAsync("lands_but_reports_failure");

        Assert.NotEmpty(result.Check.Posts);
        Assert.Equal(0, result.Check.Orphans);
        Assert.Equal(0, result.Check.Duplicates);
        Assert.Empty(result.Check.ReportedButAbsent);
        Assert.Equal(result.Check.Posts.Count, Assert.Single(result.Check.Runs).LivePlatforms.Count);
        Assert.True(result.Check.Posts.All(p => !p.Invalid), text);
    }

    private async Task<(ReliabilityResult Result, string Text)> RunAsync(string kind)
    {
        var stdout = new StringWriter();
        var options = new ReliabilityOptions
        {
            Runs = 1, FaultRate = 1, Only = kind, Seed = 3, Gates = false, OutDirectory = _dir.Combine(kind), McpConfigPath = TestMcpConfig.Write(_dir),
        };
        var result = await new ReliabilityBenchmark(stdout, NullLoggerFactory.Instance).RunAsync(options, CancellationToken.None);
        return (result, stdout.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
