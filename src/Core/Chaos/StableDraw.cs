using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace AiVideo.Core.Chaos;

/// <summary>
/// Random draws that are the same on every machine, process and .NET version: XxHash64 of the parts (joined with a
/// separator, numbers in invariant culture). Use for every seeded draw; <c>HashCode.Combine</c> and
/// <c>string.GetHashCode</c> are randomised per process.
/// </summary>
public static class StableDraw
{
    public static ulong Hash(params object[] parts) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)))));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(params object[] parts) => (Hash(parts) >> 11) * (1.0 / (1UL << 53));
}
