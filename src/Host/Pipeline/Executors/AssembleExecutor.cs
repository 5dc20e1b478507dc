using AiVideo.Core.Domain;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Assembly: deterministic, one FFmpeg pass on the Render server (shots + narration + burned captions).</summary>
[SendsMessage(typeof(VideoAssembled))]
public sealed class AssembleExecutor(RunContext run, RunJournal journal, IMediaTools tools)
    : PipelineExecutor("assemble", "assemble")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<ShotsApproved>(message).State;
        using var _ = journal.Step(StepName);
        var clips = state.Timeline.Select(s => state.Shots[s.ShotId].ClipPath).ToList();
        var durations = state.Timeline.Select(s => s.DurationSec).ToList();
        var progress = new Progress<double>(f => journal.Progress.Percent(StepName, "final.mp4", f));
        var result = await tools.AssembleAsync(clips, durations, state.Narration!, run.Size, run.Fps, run.Artifact("final.mp4"), progress, cancellationToken).ConfigureAwait(false);
        var cues = result.Cues.Select(c => new CaptionCue(c.StartMs, c.EndMs, c.Words)).ToList();
        var info = new MediaInfo { DurationSec = result.DurationSec, Width = result.Width, Height = result.Height };
        var video = new AssembledVideo(result.VideoPath, cues, info) { IntegratedLufs = result.IntegratedLufs, TruePeakDbtp = result.TruePeakDbtp };
        return new VideoAssembled(state with { Video = video });
    }
}
