using AiVideo.Core.Costs;

namespace AiVideo.Host.Costs;

/// <summary>
/// A paid call was not made: its estimate would take the channel over a cap. The render step falls back to the next
/// visual source on it; when none is left the run dead-letters with a reason starting <c>budget:</c>
/// (<see cref="Pipeline.Executors.PipelineExecutor"/>).
/// </summary>
public sealed class BudgetExceededException(BudgetBreach breach, string tool, string provider)
    : Exception($"{ReasonPrefix} {tool} on {provider} not called: {breach.Describe()}")
{
    /// <summary>Every budget dead letter's reason starts with this.</summary>
    public const string ReasonPrefix = "budget:";

    public BudgetBreach Breach { get; } = breach;

    public string Tool { get; } = tool;

    public string Provider { get; } = provider;
}
