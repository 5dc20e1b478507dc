using AiVideo.Core.Costs;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Costs;

/// <summary>
/// What <c>make --dry-run</c> found: the script, the source that would fill each shot with its price quote, the
/// estimate per provider, and the channel's caps against what is already committed. Nothing was spent to find it.
/// </summary>
public sealed record DryRunPlan
{
    public required string Channel { get; init; }
    public required string Title { get; init; }
    public VideoScript? Script { get; init; }
    public string? ScriptWriter { get; init; }

    /// <summary>Why the script would not pass its gate (the real run would ask for rewrites, then dead-letter).</summary>
    public IReadOnlyList<string> ScriptProblems { get; init; } = [];

    public IReadOnlyList<PlannedShot> Shots { get; init; } = [];
    public IReadOnlyList<ProviderEstimate> Providers { get; init; } = [];
    public decimal EstimatedUsd { get; init; }
    public required BudgetCaps Caps { get; init; }

    /// <summary>Already spent or reserved for the channel today and this month (UTC), before this video.</summary>
    public required CommittedSpend Committed { get; init; }

    /// <summary>Paid tools that cannot quote a price yet, each with why it is not counted.</summary>
    public IReadOnlyList<string> NotPriced { get; init; } = [];

    /// <summary>True when every shot found a source within the caps.</summary>
    public bool FitsBudget => Shots.All(s => s.Source is not null);
}

/// <param name="Source">The visual source that would fill the shot (the first of the channel's list whose quote fits the caps); null: none fits.</param>
/// <param name="Provider">The provider that quoted it.</param>
/// <param name="Skipped">Sources tried first and why each was passed over (over a cap, unavailable).</param>
public sealed record PlannedShot(string ShotId, string Prompt, double DurationSec, string? Source, string? Provider, decimal EstimateUsd, IReadOnlyList<string> Skipped);

public sealed record ProviderEstimate(string Provider, int Calls, decimal EstimateUsd);
