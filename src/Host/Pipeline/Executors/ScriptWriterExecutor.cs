using AiVideo.Agents.Scripts;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Ideation: brief + channel → script JSON (not yet trusted). On a QA revision request, writes again with the reasons.</summary>
[SendsMessage(typeof(ScriptDrafted))]
public sealed class ScriptWriterExecutor(RunContext run, RunJournal journal, IScriptWriter writer)
    : PipelineExecutor("script", "script")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var request = new ScriptRequest(run.Brief, run.Channel) { TrendNotes = run.TrendNotes, Memory = run.Memory };
        request = message switch
        {
            RunStarted => request,
            ScriptRevisionRequested revision => request with { RevisionReasons = revision.Reasons, PreviousScript = revision.Previous },
            _ => throw new InvalidOperationException($"script cannot handle {message.GetType().Name}"),
        };
        using var _ = journal.Step(StepName);
        try
        {
            var json = await writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            journal.Progress.Info($"script {(request.RevisionReasons.Count > 0 ? "revised" : "written")} by the {writer.Name} writer");
            return new ScriptDrafted(json, writer.Name);
        }
        catch (ScriptRejectedException ex)
        {
            return new RunFailed(StepName, ex.Message);
        }
    }
}
