using System.Globalization;

namespace AiVideo.Core.Chaos;

/// <summary>
/// Fault injection for reliability testing: <c>rate=0.03,seed=7[,hang=5]</c> — each provider call fails with
/// probability <see cref="Rate"/>, in one of the ways that provider can fail; <see cref="Seed"/> makes a run
/// repeatable; <see cref="HangSeconds"/> is how long a "hang" lasts (until the caller's timeout cancels it).
/// </summary>
public sealed record ChaosSpec(double Rate, int Seed, double HangSeconds = 30)
{
    public const string EnvironmentVariable = "AIVIDEO_CHAOS";

    public static ChaosSpec? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        double rate = 0, hang = 30;
        var seed = 1;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            var ok = kv.Length == 2 && kv[0] switch
            {
                "rate" => double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is >= 0 and <= 1,
                "seed" => int.TryParse(kv[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                "hang" => double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out hang) && hang is > 0 and <= 3600,
                _ => false,
            };
            if (!ok) throw new InvalidInputException($"chaos '{text}': '{part}' is not rate=0..1, seed=N or hang=SECONDS");
        }
        return new ChaosSpec(rate, seed, hang);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rate={Rate},seed={Seed},hang={HangSeconds}");
}

/// <summary>The dice of one provider: whether this call fails, and how. Thread-safe, repeatable for a seed.</summary>
public sealed class ChaosDice(ChaosSpec spec, string provider)
{
    private readonly Random _random = new(HashCode.Combine(spec.Seed, StableHash(provider)));
    private readonly Lock _lock = new();

    public ChaosSpec Spec { get; } = spec;

    /// <summary>null: no fault this call; otherwise one of <paramref name="kinds"/>.</summary>
    public T? Roll<T>(IReadOnlyList<T> kinds) where T : struct
    {
        lock (_lock)
        {
            if (_random.NextDouble() >= Spec.Rate) return null;
            return kinds[_random.Next(kinds.Count)];
        }
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }
}
