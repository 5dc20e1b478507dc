using AiVideo.Core.Domain;

namespace AiVideo.Contracts;

// Results of the Voice server's tools (synthesize_speech, check_speech). list_voices returns Core's VoiceInfo.

/// <param name="AudioPath">Workspace-relative path of the WAV.</param>
/// <param name="Words">One timing per whitespace-separated word, from the synthesiser's word events.</param>
/// <param name="Reused">True when an earlier synthesis with identical input was returned instead of synthesising again.</param>
public sealed record SpeechToolResult(string AudioPath, double DurationSec, string VoiceId, int SampleRate, string Provider, IReadOnlyList<WordTiming> Words, bool Reused = false);

/// <param name="Transcript">What the recogniser heard.</param>
/// <param name="WordErrorRate">0 = every word as scripted.</param>
/// <param name="OutOfVocabulary">Script words the recogniser cannot know.</param>
public sealed record SpeechCheckToolResult(string Transcript, double WordErrorRate, IReadOnlyList<string> OutOfVocabulary, string Method);
