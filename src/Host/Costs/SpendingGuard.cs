using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Costs;

/// <summary>One run's budget: the run, its channel and the channel's caps.</summary>
public sealed record BudgetScope(string RunId, string ChannelId, BudgetCaps Caps)
{
    public static BudgetScope For(RunContext run) => new(run.RunId, run.Channel.Id, run.Channel.Budget);
}

/// <summary>A paid tool's price for one exact request.</summary>
public sealed record CostQuote(string Provider, decimal EstimateUsd);

/// <summary>
/// The Host's decision whether a paid call may happen, for any paid tool (render_shot now, synthesize_speech and cloud
/// providers later): quote (the tool's dry run) → reserve the quote against the caps (atomic, <see cref="ICostLedger"/>)
/// → call → settle with the actual cost the tool reports; the reservation is released when the call throws or is
/// cancelled. A call over a cap is never made: <see cref="BudgetExceededException"/>.
/// </summary>
public sealed class SpendingGuard(ICostLedger ledger, BudgetScope scope, TimeProvider time)
{
    /// <param name="tool">The tool's name (render_shot).</param>
    /// <param name="callKey">Names the call within the run (the same key on a re-delivered call).</param>
    /// <param name="quote">The price of exactly this request, without making it.</param>
    /// <param name="call">The paid call itself.</param>
    /// <param name="actualUsd">What the call's result says it cost (0 when the tool reused an earlier result).</param>
    public async Task<T> SpendAsync<T>(string tool, string callKey, Func<CancellationToken, Task<CostQuote>> quote, Func<CancellationToken, Task<T>> call,
        Func<T, decimal> actualUsd, CancellationToken cancellationToken)
    {
        var price = await quote(cancellationToken).ConfigureAwait(false);
        if (price.EstimateUsd < 0) throw new InvalidOperationException($"{tool} on {price.Provider} quoted a negative price ({price.EstimateUsd})");
        var reservation = ledger.Reserve(new CostReservationRequest(scope.RunId, scope.ChannelId, price.Provider, tool, callKey, price.EstimateUsd, scope.Caps, time.GetUtcNow()));
        if (reservation.Breach is { } breach) throw new BudgetExceededException(breach, tool, price.Provider);
        T result;
        try
        {
            result = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ledger.Release(reservation.Id, ex is OperationCanceledException ? "cancelled" : $"failed: {ex.GetType().Name}");
            throw;
        }
        ledger.Settle(reservation.Id, Math.Max(0, actualUsd(result)));
        return result;
    }
}
