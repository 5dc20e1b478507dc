using AiVideo.Agents.Scripts;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Ideation: brief + channel → script JSON (not yet trusted).</summary>
[SendsMessage(typeof(ScriptDrafted))]
public sealed class ScriptWriterExecutor(RunContext run, RunJournal journal, IScriptWriter writer)
    : PipelineExecutor("script", "script")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        Expect<RunStarted>(message);
        using var _ = journal.Step(StepName);
        var json = await writer.WriteAsync(run.Brief, run.Channel, cancellationToken).ConfigureAwait(false);
        journal.Progress.Info($"script written by the {writer.Name} writer");
        return new ScriptDrafted(json, writer.Name);
    }
}
