using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.McpServers.Render.Providers.Generative;

namespace AiVideo.McpServers.Render.Tests.Generative;

[Collection(GenerativeCollection.Name)]
public sealed class KlingSourceTests(GeneratedVideoFixture video) : IDisposable
{
    private readonly GenerativeTestKit _kit = new(video);

    [Fact]
    public async Task Fill_TextOnly_SignsEveryCallWithAnHs256JwtOfTheAccessKey_AndPostsTextToVideo()
    {
        using var api = new FakeKlingApi(_kit);
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var source = _kit.Source(_kit.Kling(api.Server, new FixedClock(now)));

        var clip = await source.FillAsync(_kit.Request(seconds: 2), null, GenerativeTestKit.Deadline);

        Assert.All(api.Server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), request =>
        {
            var token = request.Headers["Authorization"];
            Assert.StartsWith("Bearer ", token, StringComparison.Ordinal);
            var parts = token["Bearer ".Length..].Split('.');
            Assert.Equal(3, parts.Length);
            var header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
            Assert.Equal(("HS256", "JWT"), (header.GetProperty("alg").GetString(), header.GetProperty("typ").GetString()));
            var claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            Assert.Equal("ak-test", claims.GetProperty("iss").GetString());
            Assert.Equal(now.ToUnixTimeSeconds() + 1800, claims.GetProperty("exp").GetInt64());
            Assert.Equal(now.ToUnixTimeSeconds() - 5, claims.GetProperty("nbf").GetInt64());
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("sk-test-secret"), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            Assert.Equal(expected, FromBase64Url(parts[2]));
        });
        var submit = Assert.Single(api.Submits);
        Assert.Equal("/v1/videos/text2video", submit.Path);
        var body = GenerativeTestKit.Body(submit);
        Assert.Equal(("kling-v2-6", "a red fox runs through snow", "5", "std", "9:16"),
            (body.GetProperty("model_name").GetString(), body.GetProperty("prompt").GetString(), body.GetProperty("duration").GetString(),
             body.GetProperty("mode").GetString(), body.GetProperty("aspect_ratio").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("external_task_id").GetString());
        Assert.False(body.TryGetProperty("image", out _));
        Assert.Equal(["/v1/videos/text2video/kt-1", "/v1/videos/text2video/kt-1", "/v1/videos/text2video/kt-1"], api.Polls.Select(p => p.Path));
        Assert.Equal(("kling", "kling/kling-v2-6", 0.5m, false), (clip.Source, clip.Provider, clip.CostUsd, clip.Reused));
        Assert.Equal("kt-1", Assert.Single(clip.Parts).TaskId);
        Assert.Null(clip.Score);
    }

    [Fact]
    public async Task Fill_WithReferenceImage_PostsImageToVideoWithTheImageAsBase64_AndPollsThatType()
    {
        using var api = new FakeKlingApi(_kit);
        var source = _kit.Source(_kit.Kling(api.Server));

        await source.FillAsync(_kit.Request(seconds: 7, reference: true), null, GenerativeTestKit.Deadline);

        var submit = Assert.Single(api.Submits);
        Assert.Equal("/v1/videos/image2video", submit.Path);
        var body = GenerativeTestKit.Body(submit);
        Assert.Equal(_kit.ReferenceBase64, body.GetProperty("image").GetString());
        Assert.Equal("10", body.GetProperty("duration").GetString()); // 7 s beat: the shortest Kling length that covers it, trimmed
        Assert.All(api.Polls, p => Assert.StartsWith("/v1/videos/image2video/", p.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fill_ConcurrencyExhausted429WithRetryAfter_WaitsAndSubmitsAgain_ThenSucceeds()
    {
        using var api = new FakeKlingApi(_kit) { ConcurrencyLimitedSubmits = 1 };
        var source = _kit.Source(_kit.Kling(api.Server));

        var clip = await source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline);

        Assert.Equal(2, api.Submits.Count());
        Assert.Equal("kt-1", clip.Parts[0].TaskId);
    }

    [Fact]
    public async Task Fill_FailedTask_IsSubmittedOnceMore_AndTheSecondTaskIsUsed()
    {
        using var api = new FakeKlingApi(_kit) { FailedTasks = 1 };
        var source = _kit.Source(_kit.Kling(api.Server));

        var clip = await source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline);

        Assert.Equal(2, api.Submits.Count());
        Assert.Equal("kt-2", clip.Parts[0].TaskId);
        Assert.Equal(0.5m, clip.CostUsd); // a failed task is not charged by the provider
        var job = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(_kit.DataDirectory, "generative", "jobs")).Single())).RootElement;
        Assert.Equal(2, job.GetProperty("Submission").GetInt32());
        Assert.StartsWith("kt-1: content policy", job.GetProperty("PreviousTasks")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_TaskFailsTwice_ThrowsWithTheProvidersMessage_AfterExactlyTwoSubmits()
    {
        using var api = new FakeKlingApi(_kit) { FailedTasks = 2 };
        var source = _kit.Source(_kit.Kling(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Equal(2, api.Submits.Count());
        Assert.Contains("content policy: prompt rejected", error.Message, StringComparison.Ordinal);
        Assert.Contains("kt-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_WithoutKeys_CannotFill_NamingTheSettings_WithoutCallingTheApi()
    {
        using var api = new FakeKlingApi(_kit);
        var source = _kit.Source(_kit.Kling(api.Server, options: new KlingOptions { BaseUrl = api.Server.BaseUrl }));

        var error = await Assert.ThrowsAsync<AiVideo.Core.Providers.SourceCannotFillException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Equal("kling", error.VisualSource);
        Assert.Contains("KLING_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Throws<AiVideo.Core.Providers.SourceCannotFillException>(() => source.Estimate(_kit.Request()));
        Assert.Empty(api.Server.Requests);
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    public void Dispose() => _kit.Dispose();
}
