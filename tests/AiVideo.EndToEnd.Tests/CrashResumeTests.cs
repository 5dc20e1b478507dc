using System.Diagnostics;
using System.Text.Json.Nodes;
using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// The host process is killed (as SIGKILL would) at a step boundary or in the middle of publishing; a new process
/// resumes every interrupted run. Each must end published, with exactly one outbox entry per platform, and
/// without redoing the steps that had finished.
/// </summary>
public class CrashResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-crash");

    private string Out => _dir.Combine("out");

    private string Channel()
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "crash";
        node["platforms"] = new JsonArray("tiktok", "youtube_shorts");
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("step:voice")]
    [InlineData("step:render")]
    [InlineData("step:assemble")]
    [InlineData("step:qa")]
    [InlineData("step:publish")]
    [InlineData("publish:after_intent")]
    [InlineData("publish:after_call")]
    public async Task KilledAtAPoint_ResumeAll_PublishesExactlyOncePerPlatform(string point)
    {
        var killed = await RunHostAsync($"kill@{point}", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet");
        Assert.NotEqual(0, killed);
        var store = RunStore.ForOutput(Out);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatuses.Running, run.Status);
        var rendersBefore = store.LoadJournal(run.RunId).Steps.FirstOrDefault(s => s.Step == "render").Attempts;

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline)
            .RunAsync(["resume", "--all", "--out", Out, "--quiet"], CancellationToken.None);

        Assert.True(code == 0, stderr.ToString() + stdout);
        Assert.Equal(RunStatuses.Published, store.GetRun(run.RunId)!.Status);
        foreach (var platform in new[] { "tiktok", "youtube_shorts" })
        {
            Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", platform)));
        }
        Assert.All(store.Ledger(run.RunId), l => Assert.True(l.Confirmed));
        var rendersAfter = store.LoadJournal(run.RunId).Steps.Single(s => s.Step == "render").Attempts;
        if (rendersBefore > 0 && point != "step:render") Assert.Equal(rendersBefore, rendersAfter); // finished renders are never redone
    }

    [Fact]
    public async Task FailedStep_DlqRetry_ResumesFromThatStepNotFromScratch()
    {
        var failed = await RunHostAsync("fail@step:assemble", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet");
        Assert.Equal(1, failed);
        var store = RunStore.ForOutput(Out);
        var letter = Assert.Single(store.DeadLetters());
        Assert.Equal("assemble", letter.Step);
        Assert.Contains("fault injected at step:assemble", letter.Reason);

        var stdout = new StringWriter();
        var code = await new CliApp(stdout, new StringWriter(), NullLoggerFactory.Instance, () => ModelConnection.Offline)
            .RunAsync(["dlq", "retry", letter.RunId, "--out", Out, "--quiet"], CancellationToken.None);

        Assert.Equal(0, code);
        var steps = store.LoadJournal(letter.RunId).Steps.ToDictionary(s => s.Step, s => s.Attempts);
        Assert.Equal(1, steps["script"]);
        Assert.Equal(1, steps["voice"]);
        Assert.Equal(1, steps["render"]);
        Assert.Equal(2, steps["assemble"]);
        Assert.Empty(store.DeadLetters());
        Assert.Equal(RunStatuses.Published, store.GetRun(letter.RunId)!.Status);
    }

    /// <summary>Runs the real host (aivideo.dll) as a child process with a fault point set; returns its exit code.</summary>
    private static async Task<int> RunHostAsync(string faults, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aivideo.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[FaultPoints.EnvironmentVariable] = faults;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await stderr;
        return process.ExitCode;
    }

    public void Dispose() => _dir.Dispose();
}
