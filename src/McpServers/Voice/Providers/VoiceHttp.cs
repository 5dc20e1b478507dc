using System.Net;
using System.Net.Http.Headers;
using AiVideo.Core.Providers;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>
/// One cloud voice's HTTP calls: 429 (Retry-After honoured, else doubling backoff), 5xx and unreachable retried up to
/// <see cref="CloudVoiceOptions.MaxAttempts"/>; 401/403 become an error naming the key setting (never the key); other
/// errors carry the provider's message. Answers are returned as bytes for the caller to parse.
/// </summary>
public sealed class VoiceHttp(HttpClient http, CloudVoiceOptions options, ILogger logger)
{
    public async Task<byte[]> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            var what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts) throw new TransientProviderException($"{options.DisplayName} could not be reached for {what} after {attempt} attempts: {ex.Message}", ex);
                await WaitAsync(null, ref delay, what, "no answer", cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var code = (int)response.StatusCode;
                if (code is >= 200 and < 300) return body;
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new VoiceProviderException($"{options.DisplayName} refused the credentials ({code} to {what}): check {options.KeySettingHint}");
                }
                if (response.StatusCode == HttpStatusCode.TooManyRequests || code >= 500)
                {
                    if (attempt >= options.MaxAttempts)
                    {
                        throw new TransientProviderException($"{options.DisplayName} answered {code} to {what} {attempt} times: {Excerpt(body)}");
                    }
                    await WaitAsync(RetryAfter(response.Headers.RetryAfter), ref delay, what, code.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw new VoiceProviderException($"{options.DisplayName} rejected {what} with {code}: {Excerpt(body)}");
            }
        }
    }

    private Task WaitAsync(TimeSpan? retryAfter, ref TimeSpan backoff, string what, string reason, CancellationToken cancellationToken)
    {
        var wait = retryAfter ?? backoff;
        if (wait > options.MaxRetryDelay) wait = options.MaxRetryDelay;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxRetryDelay.Ticks));
        logger.LogInformation("{Provider} answered {Reason} to {Request}; retrying in {Delay}", options.DisplayName, reason, what, wait);
        return Task.Delay(wait, cancellationToken);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    /// <summary>The start of an error body, for messages (provider errors never echo the key).</summary>
    public static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty body)" : text;
    }
}
