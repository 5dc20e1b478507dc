using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Costs;

/// <summary>
/// The pipeline's paid tool calls through the run's <see cref="SpendingGuard"/>: each render is quoted (render_shot
/// with <c>dryRun</c>), reserved against the channel's caps, made, and settled with the cost it reports. Sits inside
/// <see cref="ReusingMediaTools"/>, so a re-delivered step reusing its recorded result never reaches the ledger again,
/// and outside the resilience layer, so retries of one call share one reservation. Free tools pass straight through.
/// A narration by a cloud voice (ElevenLabs, OpenAI) is quoted by <paramref name="speechQuoter"/> (synthesize_speech with
/// <c>dryRun</c>: characters × the provider's price, 0 when the server would reuse a stored narration), reserved and
/// settled the same way; espeak is free and passes straight through. A cloud voice without a quoter is refused rather
/// than paid outside the ledger.
/// </summary>
public sealed class BudgetedMediaTools(IMediaTools inner, SpendingGuard guard, ISpeechQuoter? speechQuoter = null) : DelegatingMediaTools(inner)
{
    public const string RenderShotTool = "render_shot";
    public const string SynthesizeSpeechTool = "synthesize_speech";

    public override Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(voice.Provider) || voice.Provider == AiVideo.Core.Providers.VoiceProviderNames.Espeak)
        {
            return Inner.SynthesizeAsync(text, voice, outputPath, cancellationToken);
        }
        if (speechQuoter is null)
        {
            throw new InvalidOperationException($"voice provider '{voice.Provider}' is paid but this run has no speech quoter: it cannot be reserved against the budget");
        }
        return guard.SpendAsync(SynthesizeSpeechTool, SpeechCallKey(outputPath),
            ct => speechQuoter.QuoteSpeechAsync(text, voice, outputPath, ct),
            ct => Inner.SynthesizeAsync(text, voice, outputPath, ct),
            result => result.Reused ? 0 : result.CostUsd,
            cancellationToken);
    }

    /// <summary>The ledger's name for a narration call: the WAV it writes.</summary>
    public static string SpeechCallKey(string outputPath) => $"voice:{outputPath}";

    public override Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (call.DryRun) return Inner.RenderShotAsync(call, progress, cancellationToken);
        return guard.SpendAsync(RenderShotTool, RenderCallKey(call),
            async ct =>
            {
                var quote = await Inner.RenderShotAsync(call with { DryRun = true }, NoProgress.Instance, ct).ConfigureAwait(false);
                return new CostQuote(quote.Provider, quote.CostUsd);
            },
            ct => Inner.RenderShotAsync(call, progress, ct),
            result => result.Reused ? 0 : result.CostUsd,
            cancellationToken);
    }

    /// <summary>The ledger's name for a render call: the clip it writes (one per shot and attempt in a run).</summary>
    public static string RenderCallKey(ShotRenderCall call) => $"render:{call.OutputPath}";

    private sealed class NoProgress : IProgress<double>
    {
        public static readonly NoProgress Instance = new();

        public void Report(double value)
        {
        }
    }
}
