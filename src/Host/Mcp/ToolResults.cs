using AiVideo.Core.Domain;

namespace AiVideo.Host.Mcp;

// The result shapes of the tools the pipeline calls, as the servers publish them in their outputSchema.

public sealed record SpeechToolResult(string AudioPath, double DurationSec, string VoiceId, int SampleRate, string Provider, IReadOnlyList<WordTiming> Words);

public sealed record RenderShotToolResult(string ClipPath, string Provider, int Seed, double DurationSec, int Attempt, decimal CostUsd, string StyleId);

public sealed record ShotSimilarityToolResult(double Similarity, string Method, int FramesCompared, string? ReferencePath);

public sealed record ToolCue(int StartMs, int EndMs, string Text, IReadOnlyList<WordTiming> Words);

public sealed record AssembleToolResult(string VideoPath, string SubtitlePath, double DurationSec, int Width, int Height, IReadOnlyList<ToolCue> Cues, double? IntegratedLufs, double? TruePeakDbtp = null);

public sealed record PublishToolResult(string Platform, string IdempotencyKey, string ExternalId, string Location, string Status, DateTimeOffset PublishedAt, bool Duplicate);

public sealed record FindPublicationToolResult(bool Found, PublishToolResult? Receipt);

public sealed record ReadCaptionsToolResult(bool Readable, IReadOnlyList<string> Texts, string Method);

public sealed record SpeechCheckToolResult(string Transcript, double WordErrorRate, IReadOnlyList<string> OutOfVocabulary, string Method);
