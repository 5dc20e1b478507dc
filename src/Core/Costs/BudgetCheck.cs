using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Costs;

/// <summary>The three levels a channel's spending is capped at.</summary>
public enum BudgetLevel
{
    /// <summary>One run (one video), re-renders included.</summary>
    Video,

    /// <summary>The channel's UTC calendar day.</summary>
    Day,

    /// <summary>The channel's UTC calendar month.</summary>
    Month,
}

/// <summary>What is already committed (spent + still reserved) at each level, in USD.</summary>
public sealed record CommittedSpend(decimal Video, decimal Day, decimal Month)
{
    public static readonly CommittedSpend None = new(0, 0, 0);
}

/// <summary>A call that would take a level over its cap.</summary>
public sealed record BudgetBreach(BudgetLevel Level, decimal CapUsd, decimal CommittedUsd, decimal EstimateUsd)
{
    public string LevelName => Level.ToString().ToLowerInvariant();

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"the {LevelName} cap ${CapUsd:0.00####} would be exceeded (${CommittedUsd:0.00####} spent or reserved + ${EstimateUsd:0.00####} for this call)");
}

/// <summary>
/// The rule every paid call is held to before it is made: the estimate plus what is committed must fit every cap
/// (video, day, month; null = no cap at that level, 0 = nothing may be spent). A free call (estimate 0) always fits,
/// even when a provider's actual cost already went over a cap.
/// </summary>
public static class BudgetCheck
{
    /// <returns>The first level (video, day, month) the call would exceed, or null when it fits.</returns>
    public static BudgetBreach? Check(BudgetCaps caps, CommittedSpend committed, decimal estimateUsd)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(committed);
        if (estimateUsd <= 0) return null;
        if (Exceeds(caps.MaxCostUsdPerVideo, committed.Video)) return new(BudgetLevel.Video, caps.MaxCostUsdPerVideo, committed.Video, estimateUsd);
        if (caps.MaxCostUsdPerDay is { } day && Exceeds(day, committed.Day)) return new(BudgetLevel.Day, day, committed.Day, estimateUsd);
        if (caps.MaxCostUsdPerMonth is { } month && Exceeds(month, committed.Month)) return new(BudgetLevel.Month, month, committed.Month, estimateUsd);
        return null;

        bool Exceeds(decimal cap, decimal already) => already + estimateUsd > cap;
    }

    /// <summary>Problems with the caps themselves (a negative cap), for the channel profile's validation.</summary>
    public static IEnumerable<string> Validate(BudgetCaps caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        if (caps.MaxCostUsdPerVideo < 0) yield return Negative("maxCostUsdPerVideo", caps.MaxCostUsdPerVideo);
        if (caps.MaxCostUsdPerDay is < 0) yield return Negative("maxCostUsdPerDay", caps.MaxCostUsdPerDay.Value);
        if (caps.MaxCostUsdPerMonth is < 0) yield return Negative("maxCostUsdPerMonth", caps.MaxCostUsdPerMonth.Value);

        static string Negative(string name, decimal value) =>
            string.Create(CultureInfo.InvariantCulture, $"budget.{name} {value} must not be negative (0 = nothing may be spent; leave it out for no cap)");
    }
}
