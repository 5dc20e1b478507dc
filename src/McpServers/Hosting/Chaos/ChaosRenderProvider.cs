using AiVideo.Core.Chaos;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Hosting.Chaos;

/// <summary>A render provider that fails on purpose (see <see cref="ChaosSpec"/>).</summary>
public sealed class ChaosRenderProvider(IRenderProvider inner, ChaosDice dice) : IRenderProvider
{
    private static readonly ChaosFault[] Faults = [ChaosFault.Transient, ChaosFault.Hang, ChaosFault.ZeroLengthFile, ChaosFault.TruncatedFile, ChaosFault.DriftedShot];

    public string Name => inner.Name;

    public decimal EstimateCostUsd(ShotRenderRequest request) => inner.EstimateCostUsd(request);

    public async Task<ShotRenderResult> RenderAsync(ShotRenderRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var fault = dice.Roll(Faults, request.OutputPath);
        if (fault == ChaosFault.Transient) throw ChaosActions.Transient("render");
        if (fault == ChaosFault.Hang) await ChaosActions.HangAsync(dice, cancellationToken).ConfigureAwait(false);
        // A drifted shot: another channel's look (the seed decides the palette), reported as the requested one.
        var actual = fault == ChaosFault.DriftedShot ? request with { ChannelSeed = request.ChannelSeed + 7919 } : request;
        var result = await inner.RenderAsync(actual, progress, cancellationToken).ConfigureAwait(false);
        switch (fault)
        {
            case ChaosFault.ZeroLengthFile: ChaosActions.Truncate(request.OutputPath, 0); break;
            case ChaosFault.TruncatedFile: ChaosActions.Truncate(request.OutputPath, 0.3); break;
        }
        return result with { SeedUsed = request.ChannelSeed };
    }
}
