using System.Numerics.Tensors;

namespace AiVideo.Media.Library;

/// <param name="Score">Cosine similarity of the item's text to the query (0..1).</param>
/// <param name="Rank">Score plus the fit bonuses; the order key.</param>
public sealed record RankedLibraryItem(LibraryItem Item, double Score, double Rank);

/// <summary>
/// Orders library items for one shot: by similarity of their text to the shot's query, then by fit — a small bonus for
/// portrait pictures (nothing is lost to the 9:16 crop) and for items that cover the beat alone (stills, or clips at
/// least as long as the beat). Items under the score floor and excluded items (already used in this video or in the
/// channel's recent videos) are left out. Ties are broken by path, so the order is stable.
/// </summary>
public static class LibraryRanker
{
    public const double PortraitBonus = 0.03;
    public const double CoversBeatBonus = 0.03;

    public static IReadOnlyList<RankedLibraryItem> Rank(IEnumerable<LibraryItem> items, ReadOnlySpan<float> query, double beatSec, double minScore, IReadOnlySet<string> excluded)
    {
        var ranked = new List<RankedLibraryItem>();
        foreach (var item in items)
        {
            if (excluded.Contains(item.RelativePath) || item.Vector.Length != query.Length) continue;
            var score = Math.Round(Math.Max(0, (double)TensorPrimitives.CosineSimilarity(query, item.Vector)), 4);
            if (double.IsNaN(score) || score < minScore) continue;
            var rank = score + (item.IsPortrait ? PortraitBonus : 0) + (item.IsStill || item.DurationSec >= beatSec ? CoversBeatBonus : 0);
            ranked.Add(new RankedLibraryItem(item, score, rank));
        }
        return ranked.OrderByDescending(r => r.Rank).ThenBy(r => r.Item.RelativePath, StringComparer.Ordinal).ToList();
    }
}
