using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AiVideo.Agents.Providers;

/// <summary>
/// Model calls through a resilience pipeline like every other provider: a timeout per attempt, up to 3 retries with
/// exponential backoff and jitter for transient failures only (429, 5xx, timeouts, dropped connections), and a
/// circuit breaker. 4xx errors such as a bad key fail fast. Streaming answers are not retried (text may already be shown).
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;

    public ResilientChatClient(IChatClient inner, TimeSpan attemptTimeout, int maxRetries = 3, TimeSpan? baseDelay = null) : base(inner)
    {
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        var builder = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = transient, MinimumThroughput = 6, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(20) });
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromSeconds(1),
            });
        }
        _pipeline = builder.AddTimeout(attemptTimeout).Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        try
        {
            return await _pipeline.ExecuteAsync(ct => new ValueTask<ChatResponse>(base.GetResponseAsync(list, options, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"the model did not answer within {ex.Timeout.TotalSeconds:0} s", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new InvalidOperationException("the model provider is failing repeatedly (circuit open); not called", ex);
        }
    }

    public static bool IsTransient(Exception ex) => ex switch
    {
        TimeoutRejectedException or TimeoutException or HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: var s } => IsTransientStatus((int)s!.Value),
        ClientResultException c => c.Status == 0 || IsTransientStatus(c.Status),
        _ when ex.GetType().GetProperty("StatusCode")?.GetValue(ex) is HttpStatusCode code => IsTransientStatus((int)code),
        _ => ex.InnerException is { } inner && IsTransient(inner),
    };

    private static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;
}
