using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Providers;
using AiVideo.Media.Similarity;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Drift;

/// <summary>
/// Image embeddings from a multimodal embedding HTTP API.
/// </summary>
/// <remarks>
/// Request shape (chosen because it is the common denominator of the OpenAI-style multimodal embedding APIs —
/// Jina <c>POST https://api.jina.ai/v1/embeddings</c> takes exactly this, Voyage's multimodal endpoint and
/// self-hosted CLIP servers behind an OpenAI-compatible gateway are close to it):
/// <code>
/// POST {Endpoint}
/// Authorization: Bearer {ApiKey}
/// {"model": "{Model}", "input": [{"image": "data:image/png;base64,…"}, …]}
/// </code>
/// Answer: <c>{"data": [{"index": 0, "embedding": [0.1, …]}, …]}</c> — one item per input; <c>index</c> orders them
/// when present. 429 and 5xx are retried up to <see cref="DriftEmbeddingOptions.MaxAttempts"/> tries in all, waiting as
/// long as <c>Retry-After</c> says (capped at 60 s) or 1, 2, 4… s without it. The key is never logged nor put in an error.
/// </remarks>
public sealed class HttpImageEmbedder : IImageEmbedder
{
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly DriftEmbeddingOptions _options;
    private readonly ILogger<HttpImageEmbedder> _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;

    /// <param name="wait">How a retry waits (tests record it); default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</param>
    public HttpImageEmbedder(HttpClient http, DriftEmbeddingOptions options, ILogger<HttpImageEmbedder> logger, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        _http = http;
        _options = options;
        _logger = logger;
        _wait = wait ?? Task.Delay;
    }

    public string Name => $"http:{_options.Model}";

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ImageFrame> images, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = _options.Model,
            ["input"] = new JsonArray(images.Select(i => (JsonNode)new JsonObject
            {
                ["image"] = "data:image/png;base64," + Convert.ToBase64String(PngEncoder.Encode(i)),
            }).ToArray()),
        }.ToJsonString();

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < _options.MaxAttempts)
            {
                _logger.LogWarning("Embedding API unreachable ({Reason}); try {Attempt} of {Max}", ex.Message, attempt, _options.MaxAttempts);
                await _wait(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new TransientProviderException($"embedding API unreachable after {attempt} tries: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransientProviderException($"embedding API did not answer within {_options.TimeoutSec} s", ex);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Parse(text, images.Count);
                }
                var status = (int)response.StatusCode;
                var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
                if (retryable && attempt < _options.MaxAttempts)
                {
                    var wait = RetryAfter(response) ?? Backoff(attempt);
                    _logger.LogWarning("Embedding API answered {Status}; waiting {Wait} s before try {Next} of {Max}",
                        status, wait.TotalSeconds, attempt + 1, _options.MaxAttempts);
                    await _wait(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var message = $"embedding API answered {status} {response.ReasonPhrase}{(retryable ? $" after {attempt} tries" : "")}: {Snippet(text)}";
                throw retryable ? new TransientProviderException(message) : new InvalidOperationException(message);
            }
        }
    }

    /// <summary>The embeddings of an answer, in input order; a clear error for anything else.</summary>
    public static IReadOnlyList<float[]> Parse(string json, int expected)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"embedding API answer is not JSON ({ex.Message})");
        }
        if (root?["data"] is not JsonArray data)
        {
            throw new InvalidDataException("embedding API answer has no \"data\" array of embeddings");
        }
        if (data.Count != expected)
        {
            throw new InvalidDataException($"embedding API returned {data.Count} embedding(s) for {expected} image(s)");
        }
        var result = new float[expected][];
        for (var i = 0; i < data.Count; i++)
        {
            var item = data[i];
            var index = item?["index"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : i;
            if (index < 0 || index >= expected || result[index] is not null)
            {
                throw new InvalidDataException($"embedding API answer has a bad index {index}");
            }
            if (item?["embedding"] is not JsonArray vector || vector.Count == 0)
            {
                throw new InvalidDataException($"embedding API answer item {i} has no \"embedding\" array of numbers");
            }
            var values = new float[vector.Count];
            for (var k = 0; k < vector.Count; k++)
            {
                if (vector[k] is not JsonValue number || !number.TryGetValue<double>(out var d) || !double.IsFinite(d))
                {
                    throw new InvalidDataException($"embedding API answer item {i} has a non-number at position {k}");
                }
                values[k] = (float)d;
            }
            result[index] = values;
        }
        if (result.Select(r => r.Length).Distinct().Count() != 1)
        {
            throw new InvalidDataException("embedding API returned embeddings of different lengths");
        }
        return result;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null && response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryWait ? MaxRetryWait : wait;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    private string Snippet(string text)
    {
        var snippet = text.Length > 200 ? text[..200] + "…" : text;
        if (!string.IsNullOrEmpty(_options.ApiKey)) snippet = snippet.Replace(_options.ApiKey, "***", StringComparison.Ordinal);
        return snippet.ReplaceLineEndings(" ").Trim();
    }
}
