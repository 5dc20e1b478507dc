namespace AiVideo.McpServers.Voice.Providers.Timing;

/// <summary>
/// ElevenLabs' <c>alignment</c> / <c>normalized_alignment</c>: one entry per character spoken (an entry may hold more
/// than one UTF-16 unit, e.g. an emoji) with its start and end in seconds.
/// </summary>
public sealed record CharacterAlignment(IReadOnlyList<string> Characters, IReadOnlyList<double> StartSeconds, IReadOnlyList<double> EndSeconds)
{
    /// <summary>The text the alignment covers.</summary>
    public string Text => string.Concat(Characters);

    /// <summary>Words (split at whitespace characters) with the time from their first character's start to their last's end, shifted by <paramref name="offsetMs"/>.</summary>
    public IReadOnlyList<HeardWord> Words(int offsetMs)
    {
        var words = new List<HeardWord>();
        var text = new System.Text.StringBuilder();
        double start = 0, end = 0;
        var count = Math.Min(Characters.Count, Math.Min(StartSeconds.Count, EndSeconds.Count));
        for (var i = 0; i <= count; i++)
        {
            var boundary = i == count || string.IsNullOrWhiteSpace(Characters[i]);
            if (boundary)
            {
                if (text.Length > 0) words.Add(new HeardWord(text.ToString(), offsetMs + Ms(start), offsetMs + Ms(end)));
                text.Clear();
                continue;
            }
            if (text.Length == 0) (start, end) = (StartSeconds[i], EndSeconds[i]);
            text.Append(Characters[i]);
            end = Math.Max(end, EndSeconds[i]);
        }
        return words;
    }

    private static int Ms(double seconds) => (int)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
}
