using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Voice: narration with synthesizer word timings, gated on one timing per spoken word, in order.</summary>
[SendsMessage(typeof(NarrationReady))]
public sealed class VoiceExecutor(RunContext run, RunJournal journal, IMediaTools tools)
    : PipelineExecutor("voice", "voice")
{
    /// <summary>Attempts at a usable narration before the run is dead-lettered (a bad file is re-synthesised to a new path).</summary>
    public const int MaxAttempts = 3;

    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var state = message switch
        {
            ScriptApproved a => a.State,
            ScriptReviewed r => r.State,
            _ => throw new InvalidOperationException($"voice cannot handle {message.GetType().Name}"),
        };
        var script = state.Script!;
        using var _ = journal.Step(StepName);
        GateResult? failed = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var path = run.Artifact(attempt == 1 ? "narration.wav" : $"narration-a{attempt}.wav");
            var speech = await tools.SynthesizeAsync(script.NarrationText, run.Channel.Voice, path, cancellationToken).ConfigureAwait(false);
            var narration = new Narration(speech.AudioPath, speech.DurationSec, speech.VoiceId, speech.Words);

            var timing = TimingGate(script, narration);
            journal.Gate(timing);
            var audio = timing.Passed ? await AudioGateAsync(speech, cancellationToken).ConfigureAwait(false) : null;
            if (audio is not null) journal.Gate(audio);
            failed = !timing.Passed ? timing : audio is { Passed: false } ? audio : null;
            if (failed is null)
            {
                return new NarrationReady(state with { Narration = narration, Timeline = ShotTimeline.Build(script, narration) });
            }
            if (!run.GatesEnforced)
            {
                return new NarrationReady(state with { Narration = narration, Timeline = ShotTimeline.Build(script, narration) });
            }
            journal.Progress.Info($"voice: attempt {attempt} unusable ({failed.Reason}){(attempt < MaxAttempts ? "; synthesising again" : "")}");
        }
        return new RunFailed(StepName, $"{failed!.Reason}; gave up after {MaxAttempts} attempts");
    }

    /// <summary>The WAV itself: readable, as long as reported, and all of its samples present.</summary>
    private async Task<GateResult> AudioGateAsync(SpeechToolResult speech, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await tools.ProbeAsync(speech.AudioPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Mcp.ToolCallException ex) when (!ex.IsTransient)
        {
            return GateResult.Fail(GateNames.VoiceAudio, $"narration file unreadable: {ex.ToolMessage}");
        }
        var duration = info.AudioDurationSec ?? info.DurationSec;
        var expectedBytes = 44 + (long)(speech.DurationSec * speech.SampleRate) * 2;
        if (Math.Abs(duration - speech.DurationSec) > 0.1)
        {
            return GateResult.Fail(GateNames.VoiceAudio, $"narration file is {duration:0.00} s, the voice reported {speech.DurationSec:0.00} s", duration, speech.DurationSec);
        }
        if (info.SizeBytes < expectedBytes * 0.98)
        {
            return GateResult.Fail(GateNames.VoiceAudio, $"narration file is truncated: {info.SizeBytes} of {expectedBytes} bytes", info.SizeBytes, expectedBytes);
        }
        return GateResult.Pass(GateNames.VoiceAudio, $"narration file {duration:0.00} s, {info.SizeBytes} bytes", duration, speech.DurationSec);
    }

    private static GateResult TimingGate(VideoScript script, Narration narration)
    {
        var expected = ShotTimeline.Tokens(script.NarrationText);
        if (narration.Words.Count != expected)
        {
            return GateResult.Fail(GateNames.VoiceTimings, $"{narration.Words.Count} word timings for {expected} words", narration.Words.Count, expected);
        }
        for (var i = 1; i < narration.Words.Count; i++)
        {
            if (narration.Words[i].StartMs < narration.Words[i - 1].StartMs)
            {
                return GateResult.Fail(GateNames.VoiceTimings, $"word {i} ('{narration.Words[i].Word}') starts before the word before it", i, expected);
            }
        }
        if (narration.DurationSec <= 0 || narration.Words[^1].EndMs > narration.DurationSec * 1000 + 50)
        {
            return GateResult.Fail(GateNames.VoiceTimings, $"timings run past the audio ({narration.DurationSec:0.00} s)", narration.DurationSec, null);
        }
        return GateResult.Pass(GateNames.VoiceTimings, $"{expected} timed words over {narration.DurationSec:0.00} s", expected, expected);
    }
}
