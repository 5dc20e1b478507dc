namespace AiVideo.Core.Costs;

/// <summary>
/// Money in the ledger: whole micro-dollars (USD × 1,000,000) so sums in SQLite are exact integers. Every price is
/// rounded up to the next micro-dollar (a budget never under-counts a call); no real price is finer than that.
/// </summary>
public static class UsdMicros
{
    public const decimal PerUsd = 1_000_000m;

    public static long FromUsd(decimal usd)
    {
        if (usd < 0) throw new ArgumentOutOfRangeException(nameof(usd), usd, "a cost cannot be negative");
        return (long)decimal.Ceiling(usd * PerUsd);
    }

    public static decimal ToUsd(long micros) => micros / PerUsd;
}
