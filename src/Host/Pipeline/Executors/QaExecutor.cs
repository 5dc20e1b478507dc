using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// QA before publishing, every gate recorded: captions in sync with the spoken words, a platform-ready file
/// (ffprobe), loudness on target, audio and video equally long, within every channel platform's limits, the
/// narration saying the script (ASR word error rate), the captions reading as scripted (OCR, brand words exact).
/// </summary>
[SendsMessage(typeof(QaPassed))]
public sealed class QaExecutor(RunContext run, RunJournal journal, IMediaTools tools, CaptionSyncGate captionSync, FormatGate format)
    : PipelineExecutor("qa", "qa")
{
    private readonly LoudnessGate _loudness = new();
    private readonly AvDurationGate _avDuration = new();
    private readonly PlatformLimitsGate _platformLimits = new();
    private readonly CaptionOcrGate _captionOcr = new();
    private readonly SpeechAsrGate _speech = new();

    /// <summary>OCR reads at most this many cues (evenly spread), plus nothing else: a bound on QA time for long videos.</summary>
    public const int MaxOcrFrames = 60;

    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<VideoAssembled>(message).State;
        using var _ = journal.Step(StepName);
        var video = state.Video!;
        var info = await tools.ProbeAsync(video.VideoPath, cancellationToken).ConfigureAwait(false);
        var qa = run.Channel.Qa;
        var cues = Sample(video.Cues, MaxOcrFrames);
        var read = await tools.ReadCaptionsAsync(video.VideoPath, cues.Select(c => (c.StartMs + c.EndMs) / 2).ToList(), cancellationToken).ConfigureAwait(false);
        var speech = await tools.CheckSpeechAsync(state.Narration!.AudioPath, state.Script!.NarrationText, cancellationToken).ConfigureAwait(false);
        GateResult[] gates =
        [
            captionSync.Evaluate(state.Narration!.Words, video.Cues),
            format.Evaluate(info, run.Size, state.Narration.DurationSec),
            _loudness.Evaluate(video.IntegratedLufs, qa),
            _avDuration.Evaluate(info, qa),
            _platformLimits.Evaluate(info, run.Channel.Platforms),
            _speech.Evaluate(speech.WordErrorRate, speech.Transcript, state.Script.NarrationText, run.Channel.BrandWords, speech.OutOfVocabulary, qa),
            _captionOcr.Evaluate(cues.Select(c => c.Text).ToList(), read, run.Channel.BrandWords, qa, $"captions at {info.Height} px are too small to read"),
        ];
        foreach (var gate in gates) journal.Gate(gate);

        var failed = run.GatesEnforced ? gates.FirstOrDefault(g => !g.Passed) : null;
        return failed is null
            ? new QaPassed(state with { Video = video with { Info = info } })
            : new RunFailed(StepName, failed.Reason);
    }

    private static IReadOnlyList<CaptionCue> Sample(IReadOnlyList<CaptionCue> cues, int max) =>
        cues.Count <= max ? cues : Enumerable.Range(0, max).Select(i => cues[(int)((long)i * cues.Count / max)]).ToList();
}
