using System.Globalization;

namespace AiVideo.Contracts;

/// <summary>
/// How a paid tool states its price, one way for every server (render_shot now; synthesize_speech and the cloud
/// providers of later issues the same way): the tool takes <see cref="DryRunArgument"/>; with <c>true</c> it validates
/// the request exactly as for the real call and answers with its usual result type, nothing produced, <c>dryRun: true</c>
/// and <c>costUsd</c> = the price of that exact request (0 when an identical earlier result would be reused). The real
/// call answers with the actual <c>costUsd</c>. The server never holds a budget: the Host reserves the quote against
/// the channel's caps before the real call and reconciles it with the actual cost after.
/// </summary>
public static class PaidTools
{
    public const string DryRunArgument = "dryRun";
}

/// <summary>
/// A simulated price for the embedded (free) procedural renderer, for demos and tests of the cost ledger only:
/// <c>AIVIDEO_RENDER_SIMULATED_PRICE=0.01</c> (USD per second of clip) in the Render server's environment. Off by
/// default; when on, the server says so on stderr at start, and the Host says so in its progress output.
/// </summary>
public static class SimulatedRenderPrice
{
    public const string EnvironmentVariable = "AIVIDEO_RENDER_SIMULATED_PRICE";

    /// <summary>The configuration key the variable becomes under the servers' AIVIDEO_ prefix.</summary>
    public const string ConfigurationKey = "RENDER_SIMULATED_PRICE";

    /// <summary>The price in USD per second, null when unset; a value that is not a non-negative number is an error.</summary>
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price <= 1000) return price;
        throw new FormatException($"{EnvironmentVariable} must be a price in USD per second of clip, 0..1000 (e.g. 0.01), got '{text}'");
    }
}
