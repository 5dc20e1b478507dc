using AiVideo.Core.Domain;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Assembly: deterministic, one FFmpeg pass on the Render server (shots + narration + burned captions), with the channel's
/// music (the run's track, staged into the workspace) ducked under the voice.
/// </summary>
[SendsMessage(typeof(VideoAssembled))]
public sealed class AssembleExecutor(RunContext run, RunJournal journal, IMediaTools tools, MusicTrackStager musicStager)
    : PipelineExecutor("assemble", "assemble")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<ShotsApproved>(message).State;
        using var _ = journal.Step(StepName);
        var clips = state.Timeline.Select(s => state.Shots[s.ShotId].ClipPath).ToList();
        var durations = state.Timeline.Select(s => s.DurationSec).ToList();
        var progress = new Progress<double>(f => journal.Progress.Percent(StepName, "final.mp4", f));
        var music = await musicStager.StageAsync(run, cancellationToken).ConfigureAwait(false);
        var result = await tools.AssembleAsync(clips, durations, state.Narration!, run.Size, run.Fps, run.Artifact("final.mp4"), music, progress, cancellationToken).ConfigureAwait(false);
        var cues = result.Cues.Select(c => new CaptionCue(c.StartMs, c.EndMs, c.Words)).ToList();
        var info = new MediaInfo { DurationSec = result.DurationSec, Width = result.Width, Height = result.Height };
        var mixed = music is null || result.Music is not { } m
            ? null
            : new MusicMix(music.Source, m.DuckDepthDb, m.LevelDuringSpeechDbfs, m.LevelInPausesDbfs, m.SpeechSec, m.PauseSec, music.VolumeDb, music.DuckDb);
        if (mixed is not null)
        {
            journal.Progress.Info($"music: {Path.GetFileName(mixed.Track)} ducked {mixed.DuckDepthDb:0.0} dB under the voice (configured {mixed.DuckDb:0.#})");
        }
        var video = new AssembledVideo(result.VideoPath, cues, info) { IntegratedLufs = result.IntegratedLufs, TruePeakDbtp = result.TruePeakDbtp, Music = mixed };
        return new VideoAssembled(state with { Video = video });
    }
}
