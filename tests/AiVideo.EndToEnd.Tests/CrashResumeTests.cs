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

    // Two step boundaries, both publish points and every end-of-run point; bench/crash/run.sh kills at every step boundary.
    [Theory]
    [InlineData("step:render")]
    [InlineData("step:qa")]
    [InlineData("publish:after_intent")]
    [InlineData("publish:after_call")]
    [InlineData("run:after_outcome")]
    [InlineData("run:after_final_checkpoint")]
    [InlineData("run:after_report")]
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
        // Bounded: a resume whose checkpoint has nothing pending must finish at once, never wait.
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline)
            .RunAsync(["resume", "--all", "--out", Out, "--quiet"], CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == 0, stderr.ToString() + stdout);
        Assert.Equal(RunStatuses.Published, store.GetRun(run.RunId)!.Status);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, run.RunId, "report.json")))!;
        Assert.Equal("published", report["outcome"]!.GetValue<string>());
        Assert.Equal(2, report["live"]!.AsArray().Count);
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

    [Fact]
    public async Task KilledInTheMiddleOfAResume_ResumeAgain_PublishesExactlyOnce()
    {
        var mcp = TestMcpConfig.Write(_dir);
        Assert.NotEqual(0, await RunHostAsync("kill@step:render", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", mcp, "--quiet"));
        Assert.NotEqual(0, await RunHostAsync("kill@step:qa", "resume", "--all", "--out", Out, "--quiet"));
        var store = RunStore.ForOutput(Out);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatuses.Running, run.Status);
        // The first resume got past render to QA: assembly's superstep was committed with its checkpoint (the QA step's own
        // start record was a journal write still waiting for its group commit when the process died).
        Assert.Contains(store.LoadJournal(run.RunId).Steps, s => s.Step == "assemble");

        Assert.Equal(0, await RunHostAsync("", "resume", "--all", "--out", Out, "--quiet"));

        Assert.Equal(RunStatuses.Published, store.GetRun(run.RunId)!.Status);
        foreach (var platform in new[] { "tiktok", "youtube_shorts" }) Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", platform)));
    }

    [Fact]
    public async Task TwoResumeAllAtOnce_OnlyOneDrivesTheRun_PublishedExactlyOnce()
    {
        var mcp = TestMcpConfig.Write(_dir);
        Assert.NotEqual(0, await RunHostAsync("kill@step:voice", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", mcp, "--quiet"));

        var first = RunHostWithOutputAsync("", "resume", "--all", "--out", Out, "--quiet");
        var second = RunHostWithOutputAsync("", "resume", "--all", "--out", Out, "--quiet");
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(0, r.Code));
        var store = RunStore.ForOutput(Out);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatuses.Published, store.GetRun(run.RunId)!.Status);
        Assert.Equal(1, store.LoadJournal(run.RunId).Steps.Single(s => s.Step == "publish").Attempts); // never driven twice
        foreach (var platform in new[] { "tiktok", "youtube_shorts" }) Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", platform)));
        // One of them drove it; the other found it leased (skipped) or already finished (nothing to resume).
        Assert.True(results.Count(r => r.Stdout.Contains("published:")) == 1, string.Join("\n----\n", results.Select(r => r.Stdout)));
    }

    [Fact]
    public async Task OnePlatformFailsAfterTheOtherLanded_PartiallyPublished_Exit3_RetryPostsOnlyTheMissingOne()
    {
        // fail@publish:after_intent fires once: the first platform (tiktok) fails after its intent; youtube_shorts lands.
        var code = await RunHostAsync("fail@publish:after_intent", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet");

        Assert.Equal(3, code);
        var store = RunStore.ForOutput(Out);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatuses.PartiallyPublished, run.Status);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, run.RunId, "report.json")))!;
        Assert.Equal("partially_published", report["outcome"]!.GetValue<string>());
        Assert.Equal("youtube_shorts", Assert.Single(report["live"]!.AsArray())!["platform"]!.GetValue<string>());
        var missing = Assert.Single(report["missing"]!.AsArray())!;
        Assert.Equal("tiktok", missing["platform"]!.GetValue<string>());
        Assert.Contains("fault injected at publish:after_intent", missing["reason"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(Out, run.RunId, "final.mp4")));
        Assert.False(Directory.Exists(Path.Combine(Out, "published", "tiktok")));
        var letter = Assert.Single(store.DeadLetters());
        Assert.Equal(RunStatuses.PartiallyPublished, letter.Status);

        var listed = new StringWriter();
        await new CliApp(listed, new StringWriter(), NullLoggerFactory.Instance, () => ModelConnection.Offline).RunAsync(["dlq", "list", "--out", Out], CancellationToken.None);
        Assert.Contains("partially_published", listed.ToString());

        var retry = await new CliApp(new StringWriter(), new StringWriter(), NullLoggerFactory.Instance, () => ModelConnection.Offline)
            .RunAsync(["dlq", "retry", run.RunId, "--out", Out, "--quiet"], CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, retry);
        Assert.Equal(RunStatuses.Published, store.GetRun(run.RunId)!.Status);
        foreach (var platform in new[] { "tiktok", "youtube_shorts" }) Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", platform)));
        Assert.Empty(store.DeadLetters());
        var after = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, run.RunId, "report.json")))!;
        Assert.Equal(2, after["live"]!.AsArray().Count);
    }

    [Fact]
    public async Task PostLandedButTheCallFailed_CountedLive_RunPublished()
    {
        var code = await RunHostAsync("fail@publish:after_call", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet");

        Assert.Equal(0, code);
        var store = RunStore.ForOutput(Out);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatuses.Published, run.Status);
        Assert.All(store.Ledger(run.RunId), l => Assert.True(l.Confirmed));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, run.RunId, "report.json")))!;
        Assert.Equal(["tiktok", "youtube_shorts"], report["live"]!.AsArray().Select(l => l!["platform"]!.GetValue<string>()));
        foreach (var platform in new[] { "tiktok", "youtube_shorts" }) Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", platform)));
    }

    [Fact]
    public async Task DlqDiscard_RemovesTheDeadLetterForGood_ArtifactsOnRequest()
    {
        Assert.Equal(1, await RunHostAsync("fail@step:assemble", "make", "--channel", Channel(), "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet"));
        var store = RunStore.ForOutput(Out);
        var letter = Assert.Single(store.DeadLetters());
        Assert.True(Directory.Exists(_dir.Combine("ws", "runs", letter.RunId)));
        var cli = new CliApp(new StringWriter(), new StringWriter(), NullLoggerFactory.Instance, () => ModelConnection.Offline);

        Assert.Equal(0, await cli.RunAsync(["dlq", "discard", letter.RunId, "--out", Out, "--remove-artifacts"], CancellationToken.None));

        Assert.Empty(store.DeadLetters());
        Assert.Equal(RunStatuses.DeadLettered, store.GetRun(letter.RunId)!.Status);
        Assert.False(Directory.Exists(_dir.Combine("ws", "runs", letter.RunId)));
        Assert.Equal(2, await cli.RunAsync(["dlq", "retry", letter.RunId, "--out", Out], CancellationToken.None)); // gone for good
        Assert.Equal(2, await cli.RunAsync(["dlq", "discard", letter.RunId, "--out", Out], CancellationToken.None));
    }

    private static async Task<(int Code, string Stdout)> RunHostWithOutputAsync(string faults, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aivideo.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[FaultPoints.EnvironmentVariable] = faults;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4)); // bounded: a host that hangs fails the test
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the real host (aivideo.dll) as a child process with a fault point set; returns its exit code.</summary>
    private static async Task<int> RunHostAsync(string faults, params string[] args) => (await RunHostWithOutputAsync(faults, args)).Code;

    public void Dispose() => _dir.Dispose();
}
