using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Costs;

/// <summary>
/// The pipeline's paid tool calls through the run's <see cref="SpendingGuard"/>: each render is quoted (render_shot
/// with <c>dryRun</c>), reserved against the channel's caps, made, and settled with the cost it reports. Sits inside
/// <see cref="ReusingMediaTools"/>, so a re-delivered step reusing its recorded result never reaches the ledger again,
/// and outside the resilience layer, so retries of one call share one reservation. Free tools pass straight through.
/// (synthesize_speech joins when the Voice server quotes a price the same way.)
/// </summary>
public sealed class BudgetedMediaTools(IMediaTools inner, SpendingGuard guard) : DelegatingMediaTools(inner)
{
    public const string RenderShotTool = "render_shot";

    public override Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (call.DryRun) return Inner.RenderShotAsync(call, progress, cancellationToken);
        return guard.SpendAsync(RenderShotTool, RenderCallKey(call),
            async ct =>
            {
                var quote = await Inner.RenderShotAsync(call with { DryRun = true }, NoProgress.Instance, ct).ConfigureAwait(false);
                return new CostQuote(quote.Provider, quote.CostUsd);
            },
            ct => Inner.RenderShotAsync(call, progress, ct),
            result => result.Reused ? 0 : result.CostUsd,
            cancellationToken);
    }

    /// <summary>The ledger's name for a render call: the clip it writes (one per shot and attempt in a run).</summary>
    public static string RenderCallKey(ShotRenderCall call) => $"render:{call.OutputPath}";

    private sealed class NoProgress : IProgress<double>
    {
        public static readonly NoProgress Instance = new();

        public void Report(double value)
        {
        }
    }
}
