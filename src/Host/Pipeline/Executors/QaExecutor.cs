using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>QA before publishing: captions in sync with the spoken words, and a platform-ready file (ffprobe).</summary>
[SendsMessage(typeof(QaPassed))]
public sealed class QaExecutor(RunContext run, RunJournal journal, IMediaTools tools, CaptionSyncGate captionSync, FormatGate format)
    : PipelineExecutor("qa", "qa")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<VideoAssembled>(message).State;
        using var _ = journal.Step(StepName);
        var video = state.Video!;
        var sync = captionSync.Evaluate(state.Narration!.Words, video.Cues);
        journal.Gate(sync);

        var info = await tools.ProbeAsync(video.VideoPath, cancellationToken).ConfigureAwait(false);
        var formatResult = format.Evaluate(info, run.Size, state.Narration.DurationSec);
        journal.Gate(formatResult);

        var failed = new[] { sync, formatResult }.FirstOrDefault(g => !g.Passed);
        return failed is null
            ? new QaPassed(state with { Video = video with { Info = info } })
            : new RunFailed(StepName, failed.Reason);
    }
}
