using System.Text;
using AiVideo.Core.Domain;

namespace AiVideo.Media.Speech;

/// <summary>
/// Maps the synthesiser's WORD events onto the text's whitespace-separated tokens, so there is exactly one timing
/// per token, in order. espeak-ng sometimes emits two events for one token ("ElevenLabs"), one event for two
/// tokens ("at a") and zero-length events at clause ends; a token's start is the first event inside its byte
/// range, a token without one is interpolated between its neighbours, and each token ends where the next starts
/// (the last where the audio ends).
/// </summary>
public sealed class WordTimingMapper
{
    public IReadOnlyList<WordTiming> Map(string text, IReadOnlyList<SynthWordEvent> events, int audioDurationMs)
    {
        var tokens = Tokenize(text);
        var starts = new int?[tokens.Count];
        foreach (var e in events.Where(e => e.Length > 0).OrderBy(e => e.TextPosition))
        {
            var offset = e.TextPosition - 1; // 1-based byte position
            var index = tokens.FindIndex(t => offset >= t.ByteStart && offset < t.ByteEnd);
            if (index < 0)
            {
                // An event that starts in whitespace belongs to the next token.
                index = tokens.FindIndex(t => t.ByteStart >= offset);
            }
            if (index >= 0 && starts[index] is null)
            {
                starts[index] = e.AudioPositionMs;
            }
        }

        Interpolate(starts, audioDurationMs);
        var timings = new List<WordTiming>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var start = Math.Clamp(starts[i]!.Value, 0, audioDurationMs);
            if (i > 0) start = Math.Max(start, timings[i - 1].StartMs);
            var end = i + 1 < tokens.Count ? Math.Max(start, Math.Min(starts[i + 1]!.Value, audioDurationMs)) : audioDurationMs;
            timings.Add(new WordTiming(tokens[i].Text, start, Math.Max(start, end)));
        }
        return timings;
    }

    private static void Interpolate(int?[] starts, int durationMs)
    {
        for (var i = 0; i < starts.Length; i++)
        {
            if (starts[i] is not null) continue;
            var prev = i - 1;
            var next = Array.FindIndex(starts, i, s => s is not null);
            var from = prev >= 0 ? starts[prev]!.Value : 0;
            var to = next >= 0 ? starts[next]!.Value : durationMs;
            var gapCount = (next >= 0 ? next : starts.Length) - prev;
            for (var j = i; j < (next >= 0 ? next : starts.Length); j++)
            {
                starts[j] = from + (to - from) * (j - prev) / gapCount;
            }
        }
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var bytePos = 0;
        var current = new StringBuilder();
        var tokenStart = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (Rune.IsWhiteSpace(rune))
            {
                if (current.Length > 0)
                {
                    tokens.Add(new Token(current.ToString(), tokenStart, bytePos));
                    current.Clear();
                }
            }
            else
            {
                if (current.Length == 0) tokenStart = bytePos;
                current.Append(rune.ToString());
            }
            bytePos += size;
        }
        if (current.Length > 0) tokens.Add(new Token(current.ToString(), tokenStart, bytePos));
        return tokens;
    }

    /// <summary>A token and its byte range [ByteStart, ByteEnd) in the UTF-8 text.</summary>
    public sealed record Token(string Text, int ByteStart, int ByteEnd);
}
