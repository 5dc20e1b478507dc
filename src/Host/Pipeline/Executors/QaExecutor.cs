using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>QA before publishing (<see cref="QaChecks"/>), every gate recorded; the first failing gate stops the run.</summary>
[SendsMessage(typeof(QaPassed))]
public sealed class QaExecutor(RunContext run, RunJournal journal, IMediaTools tools, CaptionSyncGate captionSync, FormatGate format)
    : PipelineExecutor("qa", "qa")
{
    private readonly QaChecks _checks = new(run, tools, captionSync, format);

    /// <summary>OCR reads at most this many cues (evenly spread), plus nothing else: a bound on QA time for long videos.</summary>
    public const int MaxOcrFrames = QaChecks.MaxOcrFrames;

    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = Expect<VideoAssembled>(message).State;
        using var _ = journal.Step(StepName);
        var (gates, info) = await _checks.EvaluateAsync(state, cancellationToken).ConfigureAwait(false);
        foreach (var gate in gates) journal.Gate(gate);

        var failed = run.GatesEnforced ? gates.FirstOrDefault(g => !g.Passed) : null;
        return failed is null
            ? new QaPassed(state with { Video = state.Video! with { Info = info } })
            : new RunFailed(StepName, failed.Reason);
    }
}

/// <summary>
/// The QA gates of a finished video: captions in sync with the spoken words, a platform-ready file (ffprobe), loudness on
/// target, audio and video equally long, within every channel platform's limits, the narration saying the script (ASR
/// word error rate), the captions reading as scripted (OCR, brand words exact). The three measurements behind them —
/// the probe and the OCR (Render server) and the ASR (Voice server) — are independent, so they run concurrently: QA takes
/// as long as the slowest (OCR or ASR), not their sum. The OCR decodes the final video once for all its frames; the
/// loudness was measured on the final file by the assembly. The gates get exactly the inputs they got when the
/// measurements ran one after another, in the same order.
/// </summary>
public sealed class QaChecks(RunContext run, IMediaTools tools, CaptionSyncGate captionSync, FormatGate format)
{
    private readonly LoudnessGate _loudness = new();
    private readonly AvDurationGate _avDuration = new();
    private readonly PlatformLimitsGate _platformLimits = new();
    private readonly CaptionOcrGate _captionOcr = new();
    private readonly SpeechAsrGate _speech = new();

    /// <summary>OCR reads at most this many cues (evenly spread), plus nothing else: a bound on QA time for long videos.</summary>
    public const int MaxOcrFrames = 60;

    public async Task<(IReadOnlyList<GateResult> Gates, MediaInfo Info)> EvaluateAsync(ProductionState state, CancellationToken cancellationToken)
    {
        var video = state.Video!;
        var narration = state.Narration!;
        var script = state.Script!;
        var qa = run.Channel.Qa;
        var cues = Sample(video.Cues, MaxOcrFrames);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probe = Cancelling(tools.ProbeAsync(video.VideoPath, failFast.Token), failFast);
        var read = Cancelling(tools.ReadCaptionsAsync(video.VideoPath, cues.Select(c => (c.StartMs + c.EndMs) / 2).ToList(), failFast.Token), failFast);
        var speech = Cancelling(tools.CheckSpeechAsync(narration.AudioPath, script.NarrationText, failFast.Token), failFast);
        try
        {
            await Task.WhenAll(probe, read, speech).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            // Surface the measurement that failed first (not the cancellations it caused in the others).
            var first = new Task[] { probe, read, speech }.FirstOrDefault(t => t.IsFaulted);
            if (first is not null) await first.ConfigureAwait(false);
            throw;
        }
        var info = probe.Result;
        var check = speech.Result;
        GateResult[] gates =
        [
            captionSync.Evaluate(narration.Words, video.Cues),
            format.Evaluate(info, run.Size, narration.DurationSec),
            _loudness.Evaluate(video.IntegratedLufs, video.TruePeakDbtp, qa),
            _avDuration.Evaluate(info, qa),
            _platformLimits.Evaluate(info, run.Channel.Platforms),
            _speech.Evaluate(check.WordErrorRate, check.Transcript, script.NarrationText, run.Channel.BrandWords, check.OutOfVocabulary, qa),
            _captionOcr.Evaluate(cues.Select(c => c.Text).ToList(), read.Result, run.Channel.BrandWords, qa, $"captions at {info.Height} px are too small to read"),
        ];
        return (gates, info);
    }

    /// <summary>A measurement that fails cancels the others (the run stops at QA anyway).</summary>
    private static async Task<T> Cancelling<T>(Task<T> task, CancellationTokenSource others)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await others.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static IReadOnlyList<CaptionCue> Sample(IReadOnlyList<CaptionCue> cues, int max) =>
        cues.Count <= max ? cues : Enumerable.Range(0, max).Select(i => cues[(int)((long)i * cues.Count / max)]).ToList();
}
