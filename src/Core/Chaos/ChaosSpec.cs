using System.Globalization;

namespace AiVideo.Core.Chaos;

/// <summary>
/// Fault injection for reliability testing: <c>rate=0.03,seed=7[,hang=5]</c> — each provider call fails with
/// probability <see cref="Rate"/>, in one of the ways that provider can fail; <see cref="Seed"/> makes a run
/// repeatable; <see cref="HangSeconds"/> is how long a "hang" lasts (until the caller's timeout cancels it);
/// <see cref="Only"/> (<c>only=drifted_shot+misspelled_brand</c>) restricts the faults to the named kinds (snake_case of
/// the fault name; tests force one fault class with it), a provider with none of them left never fails.
/// </summary>
public sealed record ChaosSpec(double Rate, int Seed, double HangSeconds = 30, string? Only = null)
{
    public const string EnvironmentVariable = "AIVIDEO_CHAOS";

    public static ChaosSpec? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        double rate = 0, hang = 30;
        var seed = 1;
        string? only = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            var ok = kv.Length == 2 && kv[0] switch
            {
                "rate" => double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is >= 0 and <= 1,
                "seed" => int.TryParse(kv[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                "hang" => double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out hang) && hang is > 0 and <= 3600,
                "only" => (only = kv[1]).Split('+').All(k => k.Length > 0 && k.All(c => char.IsAsciiLetterLower(c) || c == '_')),
                _ => false,
            };
            if (!ok) throw new InvalidInputException($"chaos '{text}': '{part}' is not rate=0..1, seed=N, hang=SECONDS or only=KIND+KIND");
        }
        return new ChaosSpec(rate, seed, hang, only);
    }

    /// <summary>Whether a fault kind may be injected: every kind unless <see cref="Only"/> names some (DriftedShot ~ drifted_shot).</summary>
    public bool Allows(string kind) =>
        Only is null || Only.Split('+').Any(k => string.Equals(k.Replace("_", "", StringComparison.Ordinal), kind, StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rate={Rate},seed={Seed},hang={HangSeconds}") + (Only is null ? "" : $",only={Only}");
}

/// <summary>
/// The dice of one provider: whether a call fails, and how. Each draw is a stable hash (XxHash64) of
/// (seed, provider, call key, how many times this key was rolled before) — never <c>HashCode</c> or a shared
/// sequential <see cref="Random"/> — so a seeded run rolls the same faults in every process, whatever the order in
/// which concurrent calls arrive. The call key names the call (its output path, its idempotency key): a retry of the
/// same call is its next occurrence and rolls afresh.
/// </summary>
public sealed class ChaosDice(ChaosSpec spec, string provider)
{
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ChaosSpec Spec { get; } = spec;

    /// <summary>null: no fault this call; otherwise one of <paramref name="kinds"/>.</summary>
    public T? Roll<T>(IReadOnlyList<T> kinds, string callKey) where T : struct
    {
        int occurrence;
        lock (_lock)
        {
            occurrence = _occurrences.GetValueOrDefault(callKey) + 1;
            _occurrences[callKey] = occurrence;
        }
        var draw = StableDraw.Unit(Spec.Seed, provider, callKey, occurrence, "fault");
        if (draw >= Spec.Rate) return null;
        var allowed = Spec.Only is null ? kinds : kinds.Where(k => Spec.Allows(k.ToString()!)).ToList();
        if (allowed.Count == 0) return null;
        return allowed[(int)(StableDraw.Hash(Spec.Seed, provider, callKey, occurrence, "kind") % (ulong)allowed.Count)];
    }
}
