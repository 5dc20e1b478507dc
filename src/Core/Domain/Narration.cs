namespace AiVideo.Core.Domain;

/// <summary>One spoken word and when it is heard, in milliseconds from the start of the audio.</summary>
public sealed record WordTiming(string Word, int StartMs, int EndMs);

/// <summary>A synthesized narration: workspace-relative audio path plus word timings from the synthesizer.</summary>
public sealed record Narration(string AudioPath, double DurationSec, string VoiceId, IReadOnlyList<WordTiming> Words);
