using AiVideo.Agents.Review;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>The QA agent's final review of the finished video's gate report (only with a model configured). Only "pass" publishes.</summary>
[SendsMessage(typeof(VideoApproved))]
public sealed class FinalReviewExecutor(RunJournal journal, QaAgent qa)
    : PipelineExecutor("final_review", "final_review")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<QaPassed>(message).State;
        using var _ = journal.Step(StepName);
        var verdict = await qa.ReviewVideoAsync(state.Script!, journal.Gates, state.Video!.Info.DurationSec, cancellationToken).ConfigureAwait(false);
        var reasons = string.Join("; ", verdict.Reasons);
        if (verdict.Kind == QaVerdictKind.Pass)
        {
            journal.Gate(GateResult.Pass(GateNames.FinalReview, $"QA agent passed the video{(reasons.Length > 0 ? ": " + reasons : "")}"));
            return new VideoApproved(state);
        }
        journal.Gate(GateResult.Fail(GateNames.FinalReview, $"QA agent said {verdict.Label}: {reasons}"));
        return new RunFailed(StepName, $"QA agent's final review said {verdict.Label}: {reasons}");
    }
}
