using AiVideo.Agents.Review;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// The QA agent's script review (only with a model configured): pass → voice; revise → back to ideation with the
/// reasons, at most <see cref="MaxRevisions"/> time; a second revise or a reject → dead letter.
/// </summary>
[SendsMessage(typeof(ScriptReviewed)), SendsMessage(typeof(ScriptRevisionRequested))]
public sealed class ScriptReviewExecutor(RunContext run, RunJournal journal, QaAgent qa)
    : PipelineExecutor("script_review", "script_review")
{
    public const int MaxRevisions = 1;

    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<ScriptApproved>(message).State;
        using var step = journal.Step(StepName);
        var attempt = journal.Steps.First(s => s.Name == StepName).Attempts;
        var verdict = await qa.ReviewScriptAsync(state.Script!, new ScriptRequest(run.Brief, run.Channel), cancellationToken).ConfigureAwait(false);
        var reasons = string.Join("; ", verdict.Reasons);
        switch (verdict.Kind)
        {
            case QaVerdictKind.Pass:
                journal.Gate(GateResult.Pass(GateNames.ScriptReview, $"QA agent passed the script{(reasons.Length > 0 ? ": " + reasons : "")}"));
                return new ScriptReviewed(state);
            case QaVerdictKind.Revise when attempt <= MaxRevisions:
                journal.Gate(GateResult.Fail(GateNames.ScriptReview, $"QA agent asked for a revision: {reasons}"));
                return new ScriptRevisionRequested(verdict.Reasons, state.Script!);
            case QaVerdictKind.Revise:
                journal.Gate(GateResult.Fail(GateNames.ScriptReview, $"QA agent still asks for a revision after {MaxRevisions}: {reasons}"));
                return new RunFailed(StepName, $"QA agent still asks for a revision after {MaxRevisions} revision(s): {reasons}");
            default:
                journal.Gate(GateResult.Fail(GateNames.ScriptReview, $"QA agent rejected the script: {reasons}"));
                return new RunFailed(StepName, $"QA agent rejected the script: {reasons}");
        }
    }
}
