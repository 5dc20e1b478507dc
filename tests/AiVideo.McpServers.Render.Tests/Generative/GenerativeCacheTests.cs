using AiVideo.McpServers.Render.Providers.Generative;

namespace AiVideo.McpServers.Render.Tests.Generative;

[Collection(GenerativeCollection.Name)]
public sealed class GenerativeCacheTests(GeneratedVideoFixture video) : IDisposable
{
    private readonly GenerativeTestKit _kit = new(video);

    [Fact]
    public async Task Fill_IdenticalRequestTwice_SubmitsOnce_SecondIsReusedAtNoCost_AndEstimateMatchesEachCharge()
    {
        using var api = new FakeKlingApi(_kit);
        var source = _kit.Source(_kit.Kling(api.Server));

        var quote = source.Estimate(_kit.Request(seconds: 4));
        var first = await source.FillAsync(_kit.Request(seconds: 4), null, GenerativeTestKit.Deadline);
        var requote = source.Estimate(_kit.Request(seconds: 4, shot: "s02"));
        var second = await source.FillAsync(_kit.Request(seconds: 4, shot: "s02"), null, GenerativeTestKit.Deadline);

        Assert.Single(api.Submits);
        Assert.Equal((0.50m, false), quote); // 5 s × $0.10
        Assert.Equal((0.50m, false), (first.CostUsd, first.Reused));
        Assert.Equal((0m, true), requote);
        Assert.Equal((0m, true), (second.CostUsd, second.Reused));
        Assert.Equal(first.Parts[0].TaskId, second.Parts[0].TaskId);
        Assert.True(File.Exists(_kit.Request(seconds: 4, shot: "s02").OutputPath));
    }

    [Fact]
    public async Task Fill_ReRenderAttempt_GeneratesANewClipWithAnotherSeed_AndPaysForIt()
    {
        using var api = new FakeRunwayApi(_kit);
        var source = _kit.Source(_kit.Runway(api.Server));

        await source.FillAsync(_kit.Request(), null, GenerativeTestKit.Deadline);
        var retry = await source.FillAsync(_kit.Request() with { Attempt = 2 }, null, GenerativeTestKit.Deadline);

        Assert.Equal([42L, 42L + GenerativeVisualSource.AttemptSeedStep], api.Submits.Select(s => GenerativeTestKit.Body(s).GetProperty("seed").GetInt64()));
        Assert.Equal((0.60m, false), (retry.CostUsd, retry.Reused));
    }

    public void Dispose() => _kit.Dispose();
}
