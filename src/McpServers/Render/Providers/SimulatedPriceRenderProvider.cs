using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Render.Providers;

/// <summary>
/// A render provider that charges a simulated price per second of clip for what <paramref name="inner"/> renders (the
/// embedded procedural renderer, which is free): a "fake priced provider" to exercise the cost ledger and its caps end
/// to end without a paid account. Off unless <c>AIVIDEO_RENDER_SIMULATED_PRICE</c> is set (see
/// <see cref="Contracts.SimulatedRenderPrice"/>). Keeps the inner provider's name, so source selection and clip reuse
/// are unchanged; estimate and actual cost are the same number (price × clip seconds, rounded up to a micro-dollar).
/// </summary>
public sealed class SimulatedPriceRenderProvider(IRenderProvider inner, decimal usdPerSecond) : IRenderProvider
{
    public string Name => inner.Name;

    public decimal UsdPerSecond => usdPerSecond;

    public decimal EstimateCostUsd(ShotRenderRequest request) => inner.EstimateCostUsd(request) + Price(request.DurationSec);

    public async Task<ShotRenderResult> RenderAsync(ShotRenderRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.RenderAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return result with { CostUsd = result.CostUsd + Price(request.DurationSec) };
    }

    private decimal Price(double seconds) => decimal.Ceiling((decimal)seconds * usdPerSecond * 1_000_000m) / 1_000_000m;
}
