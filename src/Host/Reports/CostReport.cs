using AiVideo.Core.Domain;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Reports;

/// <summary>
/// report.json's <c>costs</c>: per provider, what was estimated (reserved before each call) against what the provider
/// reported it actually cost, reservations still open, calls refused by a cap; and the channel's caps.
/// </summary>
public sealed record CostReport
{
    public required IReadOnlyList<ProviderCostReport> Providers { get; init; }
    public required decimal EstimatedUsd { get; init; }
    public required decimal ActualUsd { get; init; }
    public required decimal ReservedOpenUsd { get; init; }

    /// <summary>Calls not made because they would have exceeded a cap.</summary>
    public required int Refused { get; init; }

    /// <summary>The channel's caps (USD; null = no cap at that level, 0 = nothing may be spent).</summary>
    public required BudgetCaps Caps { get; init; }

    public static CostReport From(IReadOnlyList<(string Provider, CostTotals Totals)> providers, BudgetCaps caps)
    {
        var total = providers.Aggregate(CostTotals.Zero, (sum, p) => sum.Plus(p.Totals));
        return new CostReport
        {
            Providers = providers.Select(p => new ProviderCostReport(p.Provider, p.Totals.Calls, p.Totals.EstimatedUsd, p.Totals.ActualUsd, p.Totals.ReservedOpenUsd,
                p.Totals.Refused, p.Totals.Released)).ToList(),
            EstimatedUsd = total.EstimatedUsd,
            ActualUsd = total.ActualUsd,
            ReservedOpenUsd = total.ReservedOpenUsd,
            Refused = total.Refused,
            Caps = caps,
        };
    }
}

/// <param name="Calls">Calls made (or in flight when the report was written).</param>
/// <param name="Released">Calls that failed or were cancelled; their reservations were released.</param>
public sealed record ProviderCostReport(string Provider, int Calls, decimal EstimatedUsd, decimal ActualUsd, decimal ReservedOpenUsd, int Refused, int Released);
