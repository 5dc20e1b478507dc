using System.Collections.Concurrent;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Tests.Costs;

/// <summary>
/// A fake priced render tool over <see cref="Pipeline.FakeMediaTools"/>: quotes (dry runs) answer with a price per
/// call for the call's source and render nothing; real renders write a small clip file and report the same price as
/// their actual cost (or <see cref="ActualFactor"/> times it). Counts quotes and real renders.
/// </summary>
internal sealed class PricedMediaTools(IMediaTools inner, ArtifactWorkspace workspace, decimal pricePerCall) : DelegatingMediaTools(inner)
{
    private int _quotes;
    private int _renders;

    public int Quotes => _quotes;
    public int Renders => _renders;

    /// <summary>Per-source prices (default: <c>pricePerCall</c> for every source).</summary>
    public Dictionary<string, decimal> SourcePrices { get; } = new(StringComparer.Ordinal);

    /// <summary>Actual cost = quote × this.</summary>
    public decimal ActualFactor { get; set; } = 1;

    /// <summary>A real render of this shot throws (after the reservation).</summary>
    public ConcurrentDictionary<string, Exception> Failures { get; } = new();

    /// <summary>Real renders wait here until released (to cancel one in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    private decimal Price(ShotRenderCall call) => SourcePrices.TryGetValue(call.Source, out var p) ? p : pricePerCall;

    public override async Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (call.DryRun)
        {
            Interlocked.Increment(ref _quotes);
            return new RenderShotToolResult(call.OutputPath, $"priced-{call.Source}", call.ChannelSeed, call.DurationSec, call.Attempt, Price(call), "", DryRun: true);
        }
        Interlocked.Increment(ref _renders);
        if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        if (Failures.TryGetValue(call.Shot.Id, out var failure)) throw failure;
        var result = await Inner.RenderShotAsync(call, progress, cancellationToken);
        await File.WriteAllTextAsync(workspace.ResolveForWrite(call.OutputPath), "clip", cancellationToken);
        return result with { Provider = $"priced-{call.Source}", CostUsd = Price(call) * ActualFactor };
    }
}
