using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Voice: narration with synthesizer word timings, gated on one timing per spoken word, in order.</summary>
[SendsMessage(typeof(NarrationReady))]
public sealed class VoiceExecutor(RunContext run, RunJournal journal, IMediaTools tools)
    : PipelineExecutor("voice", "voice")
{
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
        var speech = await tools.SynthesizeAsync(script.NarrationText, run.Channel.Voice, run.Artifact("narration.wav"), cancellationToken).ConfigureAwait(false);
        var narration = new Narration(speech.AudioPath, speech.DurationSec, speech.VoiceId, speech.Words);

        var gate = TimingGate(script, narration);
        journal.Gate(gate);
        if (!gate.Passed)
        {
            return new RunFailed(StepName, gate.Reason);
        }
        return new NarrationReady(state with { Narration = narration, Timeline = ShotTimeline.Build(script, narration) });
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
