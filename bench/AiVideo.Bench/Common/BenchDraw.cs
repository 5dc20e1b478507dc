using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace AiVideo.Bench.Common;

/// <summary>
/// The benchmarks' seeded randomness: every draw is XxHash64 of its parts (seed, run, cycle, what is drawn, …), so a
/// seeded benchmark draws the same numbers in every process and whatever order concurrent work runs in. Never
/// <c>HashCode</c>, <c>string.GetHashCode</c> (randomised per process) or a shared sequential <see cref="Random"/>.
/// </summary>
public static class BenchDraw
{
    public static ulong Hash(params object[] parts) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)))));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(params object[] parts) => (Hash(parts) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller over two independent draws).</summary>
    public static double Normal(params object[] parts)
    {
        var u1 = 1.0 - Unit([.. parts, "u1"]);
        var u2 = Unit([.. parts, "u2"]);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>0..n-1.</summary>
    public static int Index(int n, params object[] parts) => (int)(Hash(parts) % (ulong)n);

    /// <summary>The items in an order fixed by the parts (sorted by each item's own draw).</summary>
    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> items, params object[] parts) =>
        items.Select((item, i) => (item, key: Hash([.. parts, i]))).OrderBy(x => x.key).Select(x => x.item).ToList();
}
