using AiVideo.Memory.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// The retry pipeline around every Pinecone request: a per-attempt timeout inside exponential backoff with jitter,
/// retrying only what may pass (429, 5xx, network errors, timeouts) and waiting as long as a <c>Retry-After</c> header asks.
/// </summary>
internal static class PineconeResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(PineconeOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    HttpRetryHints.RetryAfter(args.Outcome.Result, time.GetUtcNow()) is { } wait ? (TimeSpan?)Min(wait, options.MaxRetryDelay) : null),
            });
        }
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    /// <summary>Worth another attempt: throttled, a server error, no answer, or a timeout the caller did not ask for.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => outcome.Exception switch
    {
        null => outcome.Result is { } response && HttpRetryHints.IsTransient(response.StatusCode),
        HttpRequestException or TimeoutRejectedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
