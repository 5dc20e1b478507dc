using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>A short chaos run through the real servers: faults in every provider, nothing invalid published, nothing published twice.</summary>
public class ReliabilityBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-reliability");

    [Fact]
    public async Task ChaosRun_FiftyRunsWithFaults_NoInvalidPublishedAndNoDuplicates()
    {
        var stdout = new StringWriter();
        var code = await new CliApp(stdout, new StringWriter(), NullLoggerFactory.Instance, () => ModelConnection.Offline).RunAsync(
            ["bench", "reliability", "--runs", "50", "--fault-rate", "0.05", "--seed", "11", "--out", _dir.Path, "--mcp-config", TestMcpConfig.Write(_dir)],
            CancellationToken.None);

        var text = stdout.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("runs: 50", text);
        Assert.Contains("of which invalid: 0", text);
        Assert.Contains("duplicate publishes: 0", text);
        Assert.Matches(@"published: (4[5-9]|50) ", text); // faults may dead-letter a few runs, each with a reason
    }

    public void Dispose() => _dir.Dispose();
}
