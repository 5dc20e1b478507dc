using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Takes a slot from the persisted <see cref="StockRateLimiter"/> before every request to a provider's API (so a retry
/// counts as a request too, as it does for the provider) and logs the running counts. Never logs the URL (Pixabay's
/// carries the key).
/// </summary>
public sealed class StockRateLimitHandler(StockRateLimiter limiter, StockProviderOptions options, string provider, ILogger<StockRateLimitHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var inWindow = await limiter.AcquireAsync(provider, options.RateLimit, options.RateWindow, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Provider} API request {InWindow}/{Limit} in the current {Window} window", options.DisplayName, inWindow, options.RateLimit, options.RateWindow);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
