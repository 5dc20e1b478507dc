using AiVideo.Memory.Http;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiVideo.Memory.Analytics;

/// <summary>
/// Sends one analytics API request with a bearer token through a retry pipeline (exponential backoff with jitter for
/// 429, 5xx, network errors and HTTP timeouts; no retry on other statuses) and reads the answer in full. A request that
/// still fails on the network becomes an <see cref="AnalyticsApiException"/>; the token never appears in a message.
/// </summary>
internal sealed class AnalyticsHttpSender
{
    private readonly HttpClient _http;
    private readonly string _platform;
    private readonly string _accessToken;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<AnalyticsHttpResponse> _pipeline;

    public AnalyticsHttpSender(HttpClient http, string platform, string accessToken, AnalyticsRetrySettings retry, TimeProvider time, ILogger logger)
    {
        _http = http;
        _platform = platform;
        _accessToken = accessToken;
        _time = time;
        _logger = logger;
        _pipeline = BuildPipeline(retry);
    }

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> makes (called once per attempt; the bearer token is added here)
    /// and returns the last answer, successful or not.
    /// </summary>
    public async Task<AnalyticsHttpResponse> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = createRequest();
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
                    using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                    return new AnalyticsHttpResponse((int)response.StatusCode, body, HttpRetryHints.RetryAfter(response, _time.GetUtcNow()));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AnalyticsApiException(_platform, 0, Scrub($"request failed: {ex.Message}"));
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new AnalyticsApiException(_platform, 0, "request timed out");
        }
    }

    /// <summary>The text with the access token masked, for anything that goes into a message or a log.</summary>
    public string Scrub(string text) =>
        string.IsNullOrEmpty(_accessToken) ? text : text.Replace(_accessToken, "***", StringComparison.Ordinal);

    private ResiliencePipeline<AnalyticsHttpResponse> BuildPipeline(AnalyticsRetrySettings retry)
    {
        var builder = new ResiliencePipelineBuilder<AnalyticsHttpResponse> { TimeProvider = _time };
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AnalyticsHttpResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.RetryAfter is { } wait && wait > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(wait.Ticks, retry.MaxDelay.Ticks)) : null),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } error ? Scrub(error.Message) : $"HTTP {args.Outcome.Result?.StatusCode}";
                    _logger.LogWarning("{Platform} analytics: retrying (attempt {Attempt}) after {Delay}: {Reason}", _platform, args.AttemptNumber + 1, args.RetryDelay, reason);
                    return default;
                },
            });
        }
        return builder.Build();
    }

    private static bool IsTransient(Outcome<AnalyticsHttpResponse> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: OperationCanceledException { InnerException: TimeoutException } } => true,
        { Exception: null, Result: { } result } => result.IsTransient,
        _ => false,
    };
}
