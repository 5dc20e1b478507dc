using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AiVideo.Host.Resilience;

/// <summary>
/// One resilience pipeline per provider (MCP server): retry with exponential backoff and jitter for transient
/// errors only, outside a per-attempt timeout, inside a circuit breaker shared by every call to that provider.
/// </summary>
public sealed class ProviderResilience(ResilienceOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null)
{
    private readonly Dictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger("AiVideo.Resilience");

    public ResiliencePipeline For(string provider)
    {
        lock (_lock)
        {
            if (!_pipelines.TryGetValue(provider, out var pipeline))
            {
                pipeline = Build(provider);
                _pipelines[provider] = pipeline;
            }
            return pipeline;
        }
    }

    private ResiliencePipeline Build(string provider)
    {
        var transient = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = transient,
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumCalls,
            SamplingDuration = options.BreakerSamplingWindow,
            BreakDuration = options.BreakerBreakDuration,
            OnOpened = args =>
            {
                _logger.LogWarning("circuit for {Provider} opened for {Duration}", provider, args.BreakDuration);
                return default;
            },
        });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => TransientErrors.IsTransient(ex)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                OnRetry = args =>
                {
                    _logger.LogWarning("retrying {Provider} (attempt {Attempt}) after {Delay}: {Error}", provider, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TimeoutFor(provider) });
        return builder.Build();
    }
}
