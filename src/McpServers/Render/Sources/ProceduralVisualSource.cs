using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Tools;

namespace AiVideo.McpServers.Render.Sources;

/// <summary>
/// The <c>procedural</c> source: the configured render provider (the embedded procedural renderer) through
/// <see cref="ShotRenderStore"/>, so identical inputs reuse the existing clip. Provenance: the channel style it drew in.
/// </summary>
public sealed class ProceduralVisualSource(ShotRenderStore store) : IVisualSource
{
    public string Name => VisualSources.Procedural;

    public (decimal CostUsd, bool Reused) Estimate(VisualRequest request) => store.Estimate(Render(request), request.OutputPath);

    private static ShotRenderRequest Render(VisualRequest request) =>
        new(request.Prompt, request.ChannelSeed, request.Size, request.DurationSec, request.Fps, request.OutputPath, request.Attempt, request.Overlay, request.Font);

    public async Task<VisualClip> FillAsync(VisualRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var render = Render(request);
        var (shot, reused) = await store.RenderAsync(render, request.OutputPath, progress, cancellationToken).ConfigureAwait(false);
        return new VisualClip(Name, shot.Provider, shot.DurationSec, shot.CostUsd, shot.Seed, shot.StyleId,
            [new VisualPart(shot.StyleId, null, 0, shot.DurationSec)], reused);
    }
}
