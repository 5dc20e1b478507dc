using AiVideo.Core.Domain;

namespace AiVideo.Host.Costs;

/// <summary>The price of one narration without making it (synthesize_speech with <c>dryRun</c>), for the ledger's reservation.</summary>
public interface ISpeechQuoter
{
    Task<CostQuote> QuoteSpeechAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken);
}
