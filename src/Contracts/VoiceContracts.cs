using AiVideo.Core.Domain;

namespace AiVideo.Contracts;

// Results of the Voice server's tools (synthesize_speech, check_speech). list_voices returns Core's VoiceInfo.

/// <param name="AudioPath">Workspace-relative path of the WAV.</param>
/// <param name="Words">One timing per whitespace-separated script word, in order, inside the audio (from the synthesiser's word events, the provider's character alignment, or a transcription aligned back onto the script).</param>
/// <param name="Reused">True when an earlier synthesis with identical input was returned instead of synthesising again.</param>
/// <param name="CostUsd">What this call cost (0 when reused or free); with <see cref="DryRun"/>, the price the real call would cost.</param>
/// <param name="DryRun">True when nothing was synthesised: a price quote (see <see cref="PaidTools"/>).</param>
/// <param name="Model">The provider's model used (null for espeak).</param>
public sealed record SpeechToolResult(string AudioPath, double DurationSec, string VoiceId, int SampleRate, string Provider, IReadOnlyList<WordTiming> Words, bool Reused = false,
    decimal CostUsd = 0m, bool DryRun = false, string? Model = null);

/// <param name="Transcript">What the recogniser heard.</param>
/// <param name="WordErrorRate">0 = every word as scripted.</param>
/// <param name="OutOfVocabulary">Script words the recogniser cannot know.</param>
public sealed record SpeechCheckToolResult(string Transcript, double WordErrorRate, IReadOnlyList<string> OutOfVocabulary, string Method);
