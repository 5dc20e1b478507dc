using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiVideo.Core.Providers;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// The HTTP calls of one provider: JSON requests with the provider's auth headers, 429 (concurrency or rate exhausted)
/// waited out (Retry-After, else doubling from the poll interval, up to the max wait), 401/403 turned into an error that
/// names the settings to check (never the key), 5xx into a transient error, anything else and malformed JSON into a clear
/// <see cref="GenerationException"/>; downloads streamed to a temporary file and moved into place.
/// </summary>
public sealed class GenerationHttp(HttpClient http, string provider, string credentialSettings, GenerationOptions options, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>Sends the request built by <paramref name="build"/> (again after a 429) and parses the JSON answer.</summary>
    public async Task<JsonDocument> SendJsonAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var backoff = options.PollInterval;
        while (true)
        {
            using var request = build();
            var what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
            using var response = await SendAsync(request, what, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var delay = RetryAfter(response.Headers.RetryAfter) ?? backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                if (waited + delay > options.MaxWait)
                {
                    throw new TimeoutException($"{provider} kept answering 429 (too many requests / concurrency exhausted) to {what} for {waited.TotalSeconds:0} s; try again later");
                }
                logger.LogInformation("{Provider} answered 429 to {Request}; waiting {Delay} before retrying", provider, what, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                waited += delay;
                continue;
            }
            ThrowOnError(response.StatusCode, what, body);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new GenerationException($"{provider} answered {what} with malformed JSON ({ex.Message}): {Excerpt(body)}", ex);
            }
        }
    }

    /// <summary>Sends a request whose answer is not needed (cancellation); errors are the caller's to ignore.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, $"{request.Method} {request.RequestUri?.AbsolutePath}", cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Streams <paramref name="url"/> to <paramref name="path"/> (temporary file, then moved into place).</summary>
    public async Task DownloadAsync(Uri url, string path, Action<HttpRequestMessage>? authorize, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        authorize?.Invoke(request);
        using var response = await SendAsync(request, $"GET {url.AbsolutePath}", cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            throw new DownloadExpiredException($"{provider}'s video URL answered {(int)response.StatusCode} (expired or gone)");
        }
        ThrowOnError(response.StatusCode, $"GET {url.AbsolutePath}", await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), isDownload: true);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = File.Create(temp))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            if (new FileInfo(temp).Length == 0) throw new GenerationException($"{provider}'s video download was empty");
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientProviderException($"{provider} could not be reached for {what}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientProviderException($"{provider} did not answer {what} in time", ex);
        }
    }

    private void ThrowOnError(HttpStatusCode status, string what, string body, bool isDownload = false)
    {
        var code = (int)status;
        if (code is >= 200 and < 300) return;
        if (!isDownload && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new GenerationException($"{provider} refused the credentials ({code} to {what}): check {credentialSettings}");
        }
        if (code >= 500)
        {
            throw new TransientProviderException($"{provider} failed {what} with {code}: {ProviderMessage(body)}");
        }
        throw new GenerationException($"{provider} rejected {what} with {code}: {ProviderMessage(body)}");
    }

    /// <summary>The provider's own error text (error.message, message, error), else an excerpt of the body.</summary>
    public static string ProviderMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String) return Excerpt(error.GetString()!);
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) return Excerpt(m.GetString()!);
                }
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return Excerpt(message.GetString()!);
            }
        }
        catch (JsonException)
        {
        }
        return Excerpt(body);
    }

    private static string Excerpt(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var delay = date - DateTimeOffset.UtcNow;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }
        return null;
    }
}
