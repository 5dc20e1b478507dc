namespace AiVideo.McpServers.Voice.Providers.Timing;

/// <summary>A word as the provider reported hearing or speaking it, with its time in the audio (ms).</summary>
public sealed record HeardWord(string Text, int StartMs, int EndMs);
