using AiVideo.Bench.Reliability;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Bench.Tests;

/// <summary>A short chaos run through the real servers with gates on: the independent checker finds nothing invalid live, no orphans, no duplicates.</summary>
[Collection(MediaCollection.Name)]
public sealed class ReliabilityBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-bench-reliability");

    [Fact]
    public async Task ChaosRun_TwentyRunsWithFaults_NoInvalidLivePostsNoOrphansNoDuplicates()
    {
        var stdout = new StringWriter();
        var options = new ReliabilityOptions
        {
            Runs = 20, FaultRate = 0.05, Seed = 11, MinPublished = 0.8, OutDirectory = _dir.Combine("bench"), McpConfigPath = TestMcpConfig.Write(_dir),
        };

        var result = await new ReliabilityBenchmark(stdout, NullLoggerFactory.Instance).RunAsync(options, CancellationToken.None);

        var text = stdout.ToString();
        Assert.True(result.ExitCode == 0, text);
        Assert.Equal(20, result.Check.Runs.Count);
        Assert.Equal(0, result.Check.Invalid);
        Assert.Equal(0, result.Check.Orphans);
        Assert.Equal(0, result.Check.Duplicates);
        Assert.Equal(result.Check.Runs.Sum(r => r.LivePlatforms.Count), result.Check.Posts.Count); // every live post re-checked
        Assert.Contains("invalid live posts: 0", text);
        Assert.Contains("run time p50", text);
        Assert.True(File.Exists(_dir.Combine("bench", "summary.json")));
    }

    public void Dispose() => _dir.Dispose();
}
