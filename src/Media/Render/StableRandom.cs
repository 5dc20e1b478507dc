using System.Security.Cryptography;
using System.Text;

namespace AiVideo.Media.Render;

/// <summary>
/// A small deterministic random source seeded from text (SHA-256 of the parts, then SplitMix64).
/// Unlike <see cref="string.GetHashCode()"/> or <see cref="Random"/> it gives the same numbers on every
/// machine, process and .NET version, which is what makes equal render requests give byte-equal clips.
/// </summary>
internal sealed class StableRandom
{
    private ulong _state;

    public StableRandom(params object[] parts)
    {
        _state = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(Key(parts))), 0);
    }

    public static string Key(params object[] parts) =>
        string.Join('\u001f', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The first 16 hex digits of SHA-256 over the parts (stable identifiers, file names).</summary>
    public static string HexId(params object[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(parts))))[..16];

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

    public bool Chance(double p) => NextDouble() < p;
}
