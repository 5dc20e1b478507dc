using System.Text.Json;
using AiVideo.McpServers.Render.Providers.Generative;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Generative;

[Collection(GenerativeCollection.Name)]
public sealed class RunwaySourceTests(GeneratedVideoFixture video) : IDisposable
{
    private readonly GenerativeTestKit _kit = new(video);

    [Fact]
    public async Task Fill_WithReferenceImage_PostsGen4TurboImageToVideo_WithDataUriSeedRatio_VersionHeaderAndBearer()
    {
        using var api = new FakeRunwayApi(_kit);
        var source = _kit.Source(_kit.Runway(api.Server));

        var clip = await source.FillAsync(_kit.Request(seconds: 3, reference: true, seed: 42), null, GenerativeTestKit.Deadline);

        Assert.All(api.Server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), r =>
        {
            Assert.Equal("Bearer rw-test-key", r.Headers["Authorization"]);
            Assert.Equal("2024-11-06", r.Headers["X-Runway-Version"]);
        });
        Assert.All(api.Downloads, r => Assert.False(r.Headers.ContainsKey("Authorization"))); // a signed URL gets no key
        var submit = Assert.Single(api.Submits);
        Assert.Equal("/v1/image_to_video", submit.Path);
        var body = GenerativeTestKit.Body(submit);
        Assert.Equal(("gen4_turbo", "a red fox runs through snow", "720:1280", 5, 42L),
            (body.GetProperty("model").GetString(), body.GetProperty("promptText").GetString(), body.GetProperty("ratio").GetString(),
             body.GetProperty("duration").GetInt32(), body.GetProperty("seed").GetInt64()));
        Assert.Equal("data:image/png;base64," + _kit.ReferenceBase64, body.GetProperty("promptImage").GetString());
        Assert.Equal(("runway/gen4_turbo", 0.25m, 42), (clip.Provider, clip.CostUsd, clip.SeedUsed)); // 5 s × $0.05
    }

    [Fact]
    public async Task Fill_WithoutReferenceImage_PostsGen45TextToVideo_AtTheTextPrice()
    {
        using var api = new FakeRunwayApi(_kit);
        var source = _kit.Source(_kit.Runway(api.Server));

        var clip = await source.FillAsync(_kit.Request(seconds: 3), null, GenerativeTestKit.Deadline);

        var submit = Assert.Single(api.Submits);
        Assert.Equal("/v1/text_to_video", submit.Path);
        var body = GenerativeTestKit.Body(submit);
        Assert.Equal("gen4.5", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("promptImage", out _));
        Assert.Equal(42L, body.GetProperty("seed").GetInt64());
        Assert.Equal(0.60m, clip.CostUsd); // 5 s × $0.12
    }

    [Fact]
    public async Task Fill_PendingThrottledRunning_ReportsProgressUpward_FromRunwaysOwnProgress()
    {
        using var api = new FakeRunwayApi(_kit) { States = ["PENDING", "THROTTLED", "RUNNING:0.25", "RUNNING:0.75", "SUCCEEDED"] };
        var source = _kit.Source(_kit.Runway(api.Server));
        var progress = new RecordingProgress();

        await source.FillAsync(_kit.Request(seconds: 1), progress, GenerativeTestKit.Deadline);

        var values = progress.Values.ToList();
        Assert.Equal(5, api.Polls.Count());
        Assert.Contains(values, v => Math.Abs(v - 0.9 * (0.1 + 0.8 * 0.25)) < 1e-9);
        Assert.Contains(values, v => Math.Abs(v - 0.9 * (0.1 + 0.8 * 0.75)) < 1e-9);
        Assert.Equal(values.Order().ToList(), values); // never goes back
        Assert.Equal(1, values[^1]);
    }

    [Theory]
    [InlineData("FAILED", "An unexpected error occurred.")]
    [InlineData("CANCELLED", "cancelled at Runway")]
    public async Task Fill_TaskEndsUnsuccessfully_IsSubmittedOnceMore_ThenFailsWithTheReason(string state, string reason)
    {
        using var api = new FakeRunwayApi(_kit) { States = ["PENDING", state] };
        var source = _kit.Source(_kit.Runway(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Equal(2, api.Submits.Count());
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Downloads);
    }

    [Fact]
    public async Task Fill_CancelledWhilePolling_DeletesTheRemoteTask_AndThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var api = new FakeRunwayApi(_kit) { States = ["RUNNING:0.1"], OnPoll = n => { if (n == 3) cancel.Cancel(); } };
        var source = _kit.Source(_kit.Runway(api.Server));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.FillAsync(_kit.Request(), null, cancel.Token));

        var delete = Assert.Single(api.Server.Requests, r => r.Method == "DELETE");
        Assert.Equal("/v1/tasks/rw-task-1", delete.Path);
        Assert.Equal("Bearer rw-test-key", delete.Headers["Authorization"]);
        var job = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(_kit.DataDirectory, "generative", "jobs")).Single())).RootElement;
        Assert.Equal(GenerationJob.Cancelled, job.GetProperty("State").GetString());
    }

    [Fact]
    public async Task Fill_ExpiredDownloadUrl_PollsTheTaskAgainForAFreshUrl_AndDownloadsFromIt()
    {
        using var api = new FakeRunwayApi(_kit) { States = ["SUCCEEDED"], ExpiredDownloads = 1 };
        var source = _kit.Source(_kit.Runway(api.Server));

        var clip = await source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline);

        Assert.Equal(["/signed/rw-task-1-1.mp4", "/signed/rw-task-1-2.mp4"], api.Downloads.Select(d => d.Path));
        Assert.Equal(2, api.Polls.Count());
        Assert.Single(api.Submits);
        Assert.True(File.Exists(_kit.Request().OutputPath));
        Assert.Equal("rw-task-1", clip.Parts[0].TaskId);
    }

    [Fact]
    public async Task Fill_DownloadUrlExpiredAlsoAfterRepoll_FailsClearly_WithoutSubmittingAgain()
    {
        using var api = new FakeRunwayApi(_kit) { States = ["SUCCEEDED"], ExpiredDownloads = 2 };
        var source = _kit.Source(_kit.Runway(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Contains("could not be downloaded, also from the fresh URL", error.Message, StringComparison.Ordinal);
        Assert.Single(api.Submits);
    }

    [Fact]
    public async Task Fill_DownloadIsNotAVideo_FailsClearly_AndKeepsNoCachedFile()
    {
        using var api = new FakeRunwayApi(_kit) { States = ["SUCCEEDED"], VideoBytes = "<html>Service unavailable</html>"u8.ToArray() };
        var source = _kit.Source(_kit.Runway(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.StartsWith("runway: the download of task rw-task-1 is not readable video", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_kit.DataDirectory, "generative", "runway")));
        Assert.Equal((0.60m, false), source.Estimate(_kit.Request())); // not delivered: still to be charged when it is
    }

    [Fact]
    public async Task Fill_MalformedJsonFromThePoll_FailsWithAClearError()
    {
        using var api = new FakeRunwayApi(_kit) { PollBody = "{\"status\": \"RUNN" };
        var source = _kit.Source(_kit.Runway(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.StartsWith("runway answered GET /v1/tasks/rw-task-1 with malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_Unauthorized_NamesTheSettingToCheck_NeverTheKey()
    {
        using var api = new CannedHttpServer(401, "{\"error\":\"Invalid API key\"}");
        var source = _kit.Source(_kit.Runway(api));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Contains("Render:Runway:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("RUNWAYML_API_SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rw-test-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_ServerKilledWhilePolling_ResumesTheRecordedTask_WithoutSubmittingAgain()
    {
        // First server process: submits, records the task, and stops polling before the task ends (a kill leaves the
        // job record just like this: nothing cancels the remote task).
        string taskId;
        using (var first = new FakeRunwayApi(_kit) { States = ["RUNNING:0.4"] })
        {
            var impatient = new GenerationOptions { PollInterval = TimeSpan.FromMilliseconds(10), MaxWait = TimeSpan.FromMilliseconds(50) };
            await Assert.ThrowsAsync<TimeoutException>(() => _kit.Source(_kit.Runway(first.Server, impatient), impatient).FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));
            Assert.Single(first.Submits);
            taskId = "rw-task-1";
        }

        // The restarted server (new instances, same data directory) meets the same task, now finished.
        using var api = new FakeRunwayApi(_kit) { States = ["SUCCEEDED"] };
        var estimate = _kit.Source(_kit.Runway(api.Server)).Estimate(_kit.Request());
        var clip = await _kit.Source(_kit.Runway(api.Server)).FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline);

        Assert.Empty(api.Submits);
        Assert.Equal([$"/v1/tasks/{taskId}"], api.Polls.Select(p => p.Path));
        Assert.Equal(taskId, clip.Parts[0].TaskId);
        Assert.Equal(estimate.CostUsd, clip.CostUsd); // delivered (and charged) once, on the call that returns it
    }

    public void Dispose() => _kit.Dispose();
}
