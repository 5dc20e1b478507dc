using AiVideo.Core.Domain;

namespace AiVideo.Core.Providers;

/// <summary>Text-to-speech: a WAV at a known rate plus one timing per whitespace-separated script word, in order, inside the audio.</summary>
public interface IVoiceProvider
{
    string Name { get; }

    Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken);

    /// <summary>Writes a WAV file to <see cref="SpeechRequest.OutputPath"/> (absolute) and returns its timings.</summary>
    Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);

    /// <summary>The price in USD of exactly this request (embedded voices are free).</summary>
    decimal PriceUsd(SpeechRequest request) => 0m;

    /// <summary>The model a request is synthesised with (its own or the configured default); null for voices without models.</summary>
    string? ModelFor(SpeechRequest request) => null;

    /// <summary>Throws a clear error when the provider cannot be used as configured (e.g. no API key), before any work.</summary>
    void EnsureConfigured()
    {
    }
}

public sealed record VoiceInfo(string Id, string Name, string Language, string Provider);

/// <param name="Rate">Words per minute (espeak-ng only; cloud voices use <see cref="VoiceTuning.Speed"/>).</param>
/// <param name="Model">The provider's model; null: the provider's configured default.</param>
/// <param name="Tuning">Provider-specific voice settings; null: the provider's defaults.</param>
public sealed record SpeechRequest(string Text, string VoiceId, int Rate, string OutputPath, string? Model = null, VoiceTuning? Tuning = null);

public sealed record SpeechResult(double DurationSec, int SampleRate, IReadOnlyList<WordTiming> Words, decimal CostUsd = 0m);

/// <summary>
/// A channel's voice settings beyond the voice id. ElevenLabs: <see cref="Stability"/>, <see cref="SimilarityBoost"/>,
/// <see cref="Style"/> (0..1) and <see cref="Speed"/> (0.7..1.2). OpenAI: <see cref="Instructions"/> (gpt-4o-mini-tts)
/// and <see cref="Speed"/> (0.25..4).
/// </summary>
public sealed record VoiceTuning
{
    public double? Stability { get; init; }
    public double? SimilarityBoost { get; init; }
    public double? Style { get; init; }
    public double? Speed { get; init; }
    public string? Instructions { get; init; }

    /// <summary>Everything wrong for <paramref name="provider"/>, one line each, prefixed with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string provider, string prefix)
    {
        var problems = new List<string>();
        var elevenLabs = provider == VoiceProviderNames.ElevenLabs;
        var openAi = provider == VoiceProviderNames.OpenAi;
        void Range(string name, double? value, double min, double max)
        {
            if (value is { } v && (double.IsNaN(v) || v < min || v > max)) problems.Add($"{prefix}.{name} {v} must be {min}..{max}");
        }
        if (!elevenLabs)
        {
            foreach (var (name, value) in new[] { ("stability", Stability), ("similarityBoost", SimilarityBoost), ("style", Style) })
            {
                if (value is not null) problems.Add($"{prefix}.{name} applies to ElevenLabs voices only (provider is '{provider}')");
            }
        }
        Range("stability", Stability, 0, 1);
        Range("similarityBoost", SimilarityBoost, 0, 1);
        Range("style", Style, 0, 1);
        if (elevenLabs) Range("speed", Speed, 0.7, 1.2);
        else if (openAi) Range("speed", Speed, 0.25, 4);
        else if (Speed is not null) problems.Add($"{prefix}.speed applies to cloud voices only; espeak uses voice.rate");
        if (Instructions is not null && !openAi) problems.Add($"{prefix}.instructions applies to OpenAI voices only (provider is '{provider}')");
        if (Instructions is { Length: > 4096 }) problems.Add($"{prefix}.instructions is {Instructions.Length} characters; at most 4096");
        return problems;
    }
}

/// <summary>The voice providers a channel can name in <c>voice.provider</c>.</summary>
public static class VoiceProviderNames
{
    public const string Espeak = "espeak";
    public const string ElevenLabs = "elevenlabs";
    public const string OpenAi = "openai";

    public static IReadOnlyList<string> All { get; } = [Espeak, ElevenLabs, OpenAi];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
