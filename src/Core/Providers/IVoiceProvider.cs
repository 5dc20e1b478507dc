using AiVideo.Core.Domain;

namespace AiVideo.Core.Providers;

/// <summary>Text-to-speech with word timings reported by the synthesizer itself.</summary>
public interface IVoiceProvider
{
    string Name { get; }

    Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken);

    /// <summary>Writes a WAV file to <see cref="SpeechRequest.OutputPath"/> (absolute) and returns its timings.</summary>
    Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}

public sealed record VoiceInfo(string Id, string Name, string Language, string Provider);

public sealed record SpeechRequest(string Text, string VoiceId, int Rate, string OutputPath);

public sealed record SpeechResult(double DurationSec, int SampleRate, IReadOnlyList<WordTiming> Words);
