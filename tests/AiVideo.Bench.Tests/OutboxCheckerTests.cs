using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiVideo.Bench.Common;
using AiVideo.Bench.Reliability;
using AiVideo.Core.Domain;
using AiVideo.Testing;

namespace AiVideo.Bench.Tests;

/// <summary>Orphan and duplicate counting on a synthetic outbox (real tiny mp4s, hand-written reports and metadata).</summary>
public sealed class OutboxCheckerTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-bench-outbox");

    private string Out => _dir.Combine("out");

    private string Ws => _dir.Combine("ws");

    [Fact]
    public async Task Check_ExtraPostOfAPublishedRun_AndAPostOfADeadLetteredRun_CountsOneDuplicateAndTwoOrphans()
    {
        var a = await FinalVideoAsync("run-a", 440);
        var b = await FinalVideoAsync("run-b", 660);
        Report("run-a", "published", ("tiktok", "key-a1"));
        Report("run-b", "dead_lettered");
        Post("tiktok", "key-a1", a);
        Post("tiktok", "key-a2", a); // posted twice: the second post is in no report
        Post("youtube_shorts", "key-b1", b); // live, but its run says nothing is live

        var check = await new OutboxChecker(new CheckExpectations(new VideoSize(72, 128), ["NASA"], ["miracle"], 4242)).CheckAsync(Out, Ws, CancellationToken.None);

        Assert.Equal(3, check.Posts.Count);
        Assert.Equal(1, check.Duplicates);
        Assert.Equal(2, check.Orphans);
        Assert.Equal(["key-a2", "key-b1"], check.Posts.Where(p => p.Orphan).Select(p => p.IdempotencyKey).Order().ToArray());
        Assert.Equal("run-b", check.Posts.Single(p => p.IdempotencyKey == "key-b1").RunId); // found by its video's hash
        Assert.Empty(check.ReportedButAbsent);
        Assert.Equal(["dead_lettered", "published"], check.Runs.Select(r => r.Outcome).Order().ToArray());
    }

    [Fact]
    public async Task Check_ReportedLivePostMissingFromTheOutbox_IsListed()
    {
        await FinalVideoAsync("run-c", 440);
        Report("run-c", "published", ("tiktok", "key-c1"));

        var check = await new OutboxChecker(new CheckExpectations(new VideoSize(72, 128), [], [], 1)).CheckAsync(Out, Ws, CancellationToken.None);

        Assert.Empty(check.Posts);
        Assert.Single(check.ReportedButAbsent);
    }

    [Fact]
    public async Task Check_PostWhoseFileIsNotTheRunsFinalVideo_IsInvalidFile()
    {
        await FinalVideoAsync("run-d", 440);
        var other = await FinalVideoAsync("elsewhere", 880);
        Report("run-d", "published", ("tiktok", "key-d1"));
        Post("tiktok", "key-d1", other);
        Directory.Delete(Path.Combine(Ws, "runs", "elsewhere"), recursive: true); // a video no run made

        var check = await new OutboxChecker(new CheckExpectations(new VideoSize(72, 128), [], [], 1)).CheckAsync(Out, Ws, CancellationToken.None);

        var post = Assert.Single(check.Posts);
        Assert.Contains(post.Problems, p => p.Class == "file" && p.Detail.Contains("not the final video of run run-d", StringComparison.Ordinal));
    }

    private async Task<string> FinalVideoAsync(string runId, int tone)
    {
        var dir = Path.Combine(Ws, "runs", runId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "final.mp4");
        var result = await BenchProcess.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=blue:s=72x128:d=4:r=10", "-f", "lavfi", "-i",
            $"sine=frequency={tone}:duration=4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path], CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return path;
    }

    private void Report(string runId, string outcome, params (string Platform, string Key)[] live)
    {
        var dir = Path.Combine(Out, runId);
        Directory.CreateDirectory(dir);
        JsonArray Entries() => new(live.Select(l => (JsonNode?)new JsonObject { ["platform"] = l.Platform, ["idempotencyKey"] = l.Key }).ToArray());
        File.WriteAllText(Path.Combine(dir, "report.json"), new JsonObject
        {
            ["runId"] = runId, ["outcome"] = outcome, ["live"] = Entries(), ["publish"] = Entries(),
        }.ToJsonString());
    }

    private void Post(string platform, string key, string video)
    {
        var dir = Path.Combine(Out, "published", platform, "20260101-bench-" + key);
        Directory.CreateDirectory(dir);
        File.Copy(video, Path.Combine(dir, "video.mp4"));
        using var stream = File.OpenRead(video);
        File.WriteAllText(Path.Combine(dir, "metadata.json"), new JsonObject
        {
            ["platform"] = platform, ["title"] = "Fact one", ["caption"] = "Fact one.", ["hashtags"] = new JsonArray(), ["channelId"] = "bench",
            ["idempotencyKey"] = key, ["videoSha256"] = Convert.ToHexStringLower(SHA256.HashData(stream)),
        }.ToJsonString());
    }

    public void Dispose() => _dir.Dispose();
}
