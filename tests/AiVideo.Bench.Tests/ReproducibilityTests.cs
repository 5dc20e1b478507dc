using System.Diagnostics;
using System.Text.Json.Nodes;
using AiVideo.Testing;

namespace AiVideo.Bench.Tests;

/// <summary>
/// Seeded means repeatable across processes: the same seeded benchmark run by two child processes (side by side,
/// separate out dirs) gives identical per-run outcomes. The learning run is also the suite's small learning benchmark.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class ReproducibilityTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-bench-repro");

    [Fact]
    public async Task Reliability_SameSeedInTwoProcesses_IdenticalPerRunOutcomes()
    {
        var config = TestMcpConfig.Write(_dir);
        string[] Args(string name) => ["reliability", "--runs", "6", "--fault-rate", "0.3", "--seed", "5", "--min-published", "0", "--out", _dir.Combine(name), "--mcp-config", config];

        var runs = await Task.WhenAll(BenchAsync(Args("a")), BenchAsync(Args("b")));

        var a = JsonNode.Parse(File.ReadAllText(_dir.Combine("a", "summary.json")))!;
        var b = JsonNode.Parse(File.ReadAllText(_dir.Combine("b", "summary.json")))!;
        Assert.Equal(6, a["perRun"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(a, b), $"A:\n{a}\nB:\n{b}\n{runs[0].Stdout}\n{runs[1].Stdout}");
        Assert.Equal(runs[0].Code, runs[1].Code);
        Assert.All(a["perRun"]!.AsArray(), r => Assert.StartsWith("bench-s5-", r!["runId"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Learning_TwoSeedsSixCycles_SameInTwoProcesses_ThroughMakeAndRecordPerformance()
    {
        var config = TestMcpConfig.Write(_dir);
        string[] Args(string name) => ["learning", "--seeds", "2", "--cycles", "6", "--window", "3", "--out", _dir.Combine(name), "--mcp-config", config];

        var runs = await Task.WhenAll(BenchAsync(Args("la")), BenchAsync(Args("lb")));

        Assert.True(runs[0].Code == 0, runs[0].Stdout + runs[0].Stderr);
        var a = File.ReadAllText(_dir.Combine("la", "learning.json"));
        Assert.Equal(a, File.ReadAllText(_dir.Combine("lb", "learning.json")));
        Assert.Equal(Lines(runs[0].Stdout), Lines(runs[1].Stdout));
        var result = JsonNode.Parse(a)!;
        Assert.Equal(2, result["seeds"]!.AsArray().Count);
        foreach (var seed in result["seeds"]!.AsArray())
        {
            foreach (var loop in new[] { "memoryCycles", "noMemoryCycles" })
            {
                var cycles = seed![loop]!.AsArray();
                Assert.Equal(6, cycles.Count);
                // Published cycles are scored; a cycle the product dead-letters scores 0 (it stays in the comparison).
                Assert.True(cycles.Count(c => c!["hookType"]!.GetValue<string>() != "none") >= 5, a);
            }
            // Memory explores: six cycles with memory try more hook types than a memory-off channel's stable pick per topic.
            Assert.True(seed!["memoryCycles"]!.AsArray().Select(c => c!["hookType"]!.GetValue<string>()).Distinct().Count() >= 4, a);
        }
        Assert.Contains("regret vs an oracle", runs[0].Stdout);
        Assert.Contains("lift per seed: mean", runs[0].Stdout);
    }

    /// <summary>Stdout without the line naming the work directory (it differs by design).</summary>
    private static string[] Lines(string stdout) => stdout.Split('\n').Where(l => !l.Contains("work in", StringComparison.Ordinal)).ToArray();

    private static async Task<(int Code, string Stdout, string Stderr)> BenchAsync(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AiVideo.Bench.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(25)); // minutes when idle; generous for a loaded 2-core machine
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _dir.Dispose();
}
