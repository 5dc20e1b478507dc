namespace AiVideo.Bench.Learning;

/// <summary>
/// Exact one-sided paired sign-flip permutation test: the probability, if memory made no difference, of a mean
/// paired difference at least as large as observed. Exact for up to 20 pairs (2^n sign patterns), no distribution assumed.
/// </summary>
public static class PairedPermutationTest
{
    public static double OneSidedP(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        if (n is 0 or > 20) throw new ArgumentOutOfRangeException(nameof(differences), "1..20 pairs");
        var observed = differences.Sum();
        var patterns = 1 << n;
        var atLeast = 0;
        for (var mask = 0; mask < patterns; mask++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += (mask & (1 << i)) != 0 ? -differences[i] : differences[i];
            if (sum >= observed - 1e-9) atLeast++;
        }
        return (double)atLeast / patterns;
    }
}
