using System.Net;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Bounded retries for a stock API or download: 429 waits the <c>Retry-After</c> the provider asks for (at most
/// <see cref="MaxRetryAfter"/>; longer, the 429 is returned to the caller) and tries again; 5xx and connection failures
/// back off 1 s, 2 s, 4 s. At most <see cref="MaxRetries"/> retries. Waits run on the <see cref="TimeProvider"/>.
/// </summary>
public sealed class StockRetryHandler(TimeProvider time, ILogger<StockRetryHandler> logger) : DelegatingHandler
{
    public const int MaxRetries = 3;

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < MaxRetries)
            {
                var backoff = Backoff(attempt);
                logger.LogWarning("Stock request to {Host} failed ({Error}); retrying in {Wait:0.#} s", request.RequestUri?.Host, ex.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var status = (int)response.StatusCode;
            if (attempt >= MaxRetries || (response.StatusCode != HttpStatusCode.TooManyRequests && status < 500)) return response;
            var wait = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) ?? Backoff(attempt) : Backoff(attempt);
            if (wait > MaxRetryAfter) return response;
            logger.LogWarning("Stock request to {Host} answered {Status}; retrying in {Wait:0.#} s", request.RequestUri?.Host, status, wait.TotalSeconds);
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
