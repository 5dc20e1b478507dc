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

/// <summary>
/// A sequential source for bulk data a single thread generates (the vector benchmark's records): SplitMix64 seeded by
/// a <see cref="BenchDraw"/> hash — the same numbers in every process and .NET version, unlike <see cref="Random"/>.
/// </summary>
public sealed class BenchRandom(ulong seed)
{
    private ulong _state = seed;

    public double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }
}
