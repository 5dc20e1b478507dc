using AiVideo.Core.Domain;

namespace AiVideo.Core.Captions;

/// <summary>
/// Groups timed words into caption cues of 1–<see cref="MaxWordsPerCue"/> words. A cue closes early at
/// sentence or clause punctuation and when it would grow past <see cref="MaxCharsPerCue"/> characters,
/// so captions stay readable on a phone. Each cue starts exactly at its first word's start.
/// </summary>
public sealed class CaptionCueBuilder
{
    public const int MaxWordsPerCue = 3;
    public const int MaxCharsPerCue = 22;

    public IReadOnlyList<CaptionCue> Build(IReadOnlyList<WordTiming> words)
    {
        var groups = new List<List<WordTiming>>();
        var current = new List<WordTiming>();
        foreach (var word in words.Where(w => !string.IsNullOrWhiteSpace(w.Word)))
        {
            var chars = current.Sum(w => w.Word.Length + 1) + word.Word.Length;
            if (current.Count > 0 && (current.Count >= MaxWordsPerCue || chars > MaxCharsPerCue))
            {
                groups.Add(current);
                current = [];
            }
            current.Add(word);
            if (EndsClause(word.Word))
            {
                groups.Add(current);
                current = [];
            }
        }
        if (current.Count > 0)
        {
            groups.Add(current);
        }

        var cues = new List<CaptionCue>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var start = groups[i][0].StartMs;
            var end = Math.Max(groups[i][^1].EndMs, start + 1);
            if (i + 1 < groups.Count)
            {
                // Never overlap the next cue: two cues on screen at once read as a glitch.
                end = Math.Min(end, groups[i + 1][0].StartMs);
                end = Math.Max(end, start + 1);
            }
            cues.Add(new CaptionCue(start, end, groups[i]));
        }
        return cues;
    }

    private static bool EndsClause(string word) => word.Length > 0 && ".,!?;:".Contains(word[^1]);
}
