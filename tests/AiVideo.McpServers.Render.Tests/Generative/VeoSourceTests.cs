using AiVideo.McpServers.Render.Providers.Generative;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;

namespace AiVideo.McpServers.Render.Tests.Generative;

[Collection(GenerativeCollection.Name)]
public sealed class VeoSourceTests(GeneratedVideoFixture video) : IDisposable
{
    private readonly GenerativeTestKit _kit = new(video);

    [Theory]
    [InlineData(3.0, 4)]
    [InlineData(5.0, 6)]
    [InlineData(7.5, 8)]
    public async Task Fill_TextOnly_PostsPredictLongRunning_916_WithTheShortestDurationCoveringTheBeat_AndTheKeyHeader(double beat, int expectedSeconds)
    {
        using var api = new FakeVeoApi(_kit);
        var source = _kit.Source(_kit.Veo(api.Server));

        var clip = await source.FillAsync(_kit.Request(seconds: beat), null, GenerativeTestKit.Deadline);

        Assert.All(api.Server.Requests, r => Assert.Equal("veo-test-key", r.Headers["x-goog-api-key"])); // the download too: same host
        var body = GenerativeTestKit.Body(Assert.Single(api.Submits));
        var parameters = body.GetProperty("parameters");
        Assert.Equal(("9:16", expectedSeconds, 42L), (parameters.GetProperty("aspectRatio").GetString(), parameters.GetProperty("durationSeconds").GetInt32(), parameters.GetProperty("seed").GetInt64()));
        var instance = Assert.Single(body.GetProperty("instances").EnumerateArray());
        Assert.Equal("a red fox runs through snow", instance.GetProperty("prompt").GetString());
        Assert.False(instance.TryGetProperty("referenceImages", out _));
        Assert.Equal(2, api.Server.Requests.Count(r => r.Method == "GET" && r.Path.Contains("/operations/", StringComparison.Ordinal))); // done:false, then done
        Assert.Equal(expectedSeconds * 0.40m, clip.CostUsd);
        Assert.Equal($"models/{FakeVeoApi.Model}/operations/op-1", clip.Parts[0].TaskId);
        Assert.Equal(beat, clip.DurationSec, 3);
    }

    [Fact]
    public async Task Fill_WithReferenceImage_SendsItAsAnAssetReferenceImage_OnAnEightSecondClip()
    {
        using var api = new FakeVeoApi(_kit);
        var source = _kit.Source(_kit.Veo(api.Server));

        await source.FillAsync(_kit.Request(seconds: 3, reference: true), null, GenerativeTestKit.Deadline);

        var body = GenerativeTestKit.Body(Assert.Single(api.Submits));
        var reference = Assert.Single(body.GetProperty("instances")[0].GetProperty("referenceImages").EnumerateArray());
        Assert.Equal("asset", reference.GetProperty("referenceType").GetString());
        Assert.Equal((_kit.ReferenceBase64, "image/png"),
            (reference.GetProperty("image").GetProperty("bytesBase64Encoded").GetString(), reference.GetProperty("image").GetProperty("mimeType").GetString()));
        Assert.Equal(8, body.GetProperty("parameters").GetProperty("durationSeconds").GetInt32());
    }

    [Fact]
    public async Task Fill_OperationDoneWithError_IsSubmittedOnceMore_ThenFailsWithTheApisMessage()
    {
        using var api = new FakeVeoApi(_kit) { FailedOperations = 2 };
        var source = _kit.Source(_kit.Veo(api.Server));

        var error = await Assert.ThrowsAsync<GenerationException>(() => source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline));

        Assert.Equal(2, api.Submits.Count());
        Assert.Contains("person generation is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Downloads);
    }

    [Fact]
    public async Task Fill_BeatLongerThanTheLongestClip_JoinsTwoGeneratedClips_WithVariedSeedAndPrompt_AndDropsTheirAudio()
    {
        using var api = new FakeVeoApi(_kit);
        var source = _kit.Source(_kit.Veo(api.Server));
        var request = _kit.Request(seconds: 11);
        var estimate = source.Estimate(request);

        var clip = await source.FillAsync(request, null, GenerativeTestKit.Deadline);

        var submits = api.Submits.Select(GenerativeTestKit.Body).ToList();
        Assert.Equal([8, 4], submits.Select(b => b.GetProperty("parameters").GetProperty("durationSeconds").GetInt32()));
        Assert.Equal([42L, 43L], submits.Select(b => b.GetProperty("parameters").GetProperty("seed").GetInt64()));
        Assert.NotEqual(submits[0].GetProperty("instances")[0].GetProperty("prompt").GetString(), submits[1].GetProperty("instances")[0].GetProperty("prompt").GetString());
        Assert.Equal([(8.0, 1.0), (3.0, 1.0)], clip.Parts.Select(p => (p.DurationSec, p.Speed)));
        Assert.Equal((4.80m, false), estimate); // 12 generated seconds × $0.40
        Assert.Equal(estimate.CostUsd, clip.CostUsd);
        Assert.Contains("joined 2 generated clips", clip.Note, StringComparison.Ordinal);
        var probe = await new MediaProbe(new ProcessRunner()).ProbeAsync(request.OutputPath, GenerativeTestKit.Deadline);
        Assert.Null(probe.AudioCodec); // the generators' native audio is dropped
        Assert.Equal(("h264", 64, 112), (probe.VideoCodec, probe.Width, probe.Height));
        Assert.Equal(11, probe.VideoDurationSec ?? probe.DurationSec, 1);
    }

    public void Dispose() => _kit.Dispose();
}
