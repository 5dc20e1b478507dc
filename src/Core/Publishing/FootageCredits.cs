using AiVideo.Core.Domain;

namespace AiVideo.Core.Publishing;

/// <summary>
/// Credits for found footage whose provider asks for them (<see cref="VisualCredit.Required"/>, e.g. Pexels): one line
/// per distinct item appended to the post's caption, under the platform's caption limit. When the caption and the
/// credits do not fit together, the caption's own text is shortened, never the credits; credits that cannot fit even
/// alone are left out and named in the returned notes.
/// </summary>
public static class FootageCredits
{
    /// <summary>The credits the shots' parts ask to be shown, in shot order, each item once.</summary>
    public static IReadOnlyList<VisualCredit> Required(IEnumerable<RenderedShot> shots) =>
        shots.OrderBy(s => s.ShotId, StringComparer.Ordinal)
            .SelectMany(s => s.Parts)
            .Where(p => p.Credit is { Required: true })
            .Select(p => p.Credit!)
            .DistinctBy(c => (c.Provider, c.Author, c.PageUrl))
            .ToList();

    public static (PublishMetadata Metadata, IReadOnlyList<string> Notes) AppendTo(PublishMetadata metadata, string platform, IReadOnlyList<VisualCredit> credits)
    {
        if (credits.Count == 0) return (metadata, []);
        var (_, max) = PlatformLimits.For(platform);
        var notes = new List<string>();
        var lines = new List<string>();
        var length = 0;
        foreach (var credit in credits)
        {
            var line = credit.ToDescriptionLine();
            if (length + line.Length + 1 > max)
            {
                notes.Add($"credit left out (caption limit {max}): {line}");
                continue;
            }
            lines.Add(line);
            length += line.Length + 1;
        }
        var block = string.Join('\n', lines);
        var caption = (metadata.Caption ?? "").TrimEnd();
        var room = max - block.Length - 2; // "\n\n" between caption and credits
        if (caption.Length > Math.Max(0, room))
        {
            caption = room > 1 ? caption[..(room - 1)].TrimEnd() + "…" : "";
            notes.Add($"caption shortened to fit {lines.Count} footage credit(s) under {platform}'s {max} characters");
        }
        var text = caption.Length == 0 ? block : $"{caption}\n\n{block}";
        return (metadata with { Caption = text }, notes);
    }
}
