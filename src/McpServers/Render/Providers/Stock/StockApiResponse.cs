using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>Turns a stock API's answer into its body or a <see cref="StockApiException"/> that says what to do (never with the key).</summary>
public static class StockApiResponse
{
    private const int SnippetLength = 160;

    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, StockProviderOptions options, string query, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return body;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.BadRequest && body.Contains("key", StringComparison.OrdinalIgnoreCase)))
        {
            throw new StockApiException($"{options.DisplayName} refused the API key ({status}): check {options.KeyHint}");
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = response.Headers.RetryAfter?.Delta is { } delta ? string.Create(CultureInfo.InvariantCulture, $"; it asks to wait {delta.TotalSeconds:0} s") : "";
            throw new StockApiException($"{options.DisplayName} is still limiting requests (429) after {StockRetryHandler.MaxRetries} retries{after}; " +
                $"the account's limit may be lower than {options.Setting(nameof(StockProviderOptions.RateLimit))}={options.RateLimit}");
        }
        if (status >= 500)
        {
            throw new StockApiException($"{options.DisplayName} answered {status} for '{query}' after {StockRetryHandler.MaxRetries} retries");
        }
        throw new StockApiException($"{options.DisplayName} answered {status} for '{query}': {Snippet(body, options)}");
    }

    /// <summary>The documented JSON, or a clear error naming the provider and what was wrong.</summary>
    public static T Parse<T>(string body, StockProviderOptions options, string query, Func<T, bool> isComplete) where T : class
    {
        T? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException ex)
        {
            throw new StockApiException($"{options.DisplayName} answered malformed JSON for '{query}' ({ex.Message}): {Snippet(body, options)}", ex);
        }
        if (parsed is null || !isComplete(parsed))
        {
            throw new StockApiException($"{options.DisplayName} answered JSON without the documented result list for '{query}': {Snippet(body, options)}");
        }
        return parsed;
    }

    private static string Snippet(string body, StockProviderOptions options)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        if (options.ApiKey.Length > 0) text = text.Replace(options.ApiKey, "***", StringComparison.Ordinal);
        return text.Length <= SnippetLength ? text : text[..SnippetLength] + "…";
    }
}
