using System.Net.Http.Headers;
using System.Text.Json;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// Access tokens for the YouTube API: exchanges the channel's refresh token at <c>TokenUrl</c>
/// (<c>grant_type=refresh_token</c>) and caches the access token until one minute before <c>expires_in</c>.
/// <see cref="Invalidate"/> drops a token YouTube refused (401) so the next call refreshes. Tokens are never logged.
/// </summary>
public sealed class YouTubeTokenProvider(YouTubeOptions options, ITokenStore store, HttpClient http, TimeProvider time, ILogger<YouTubeTokenProvider> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (string Token, DateTimeOffset RefreshAt)> _cache = new(StringComparer.Ordinal);

    public async Task<string> GetAccessTokenAsync(string channelId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(channelId, out var cached) && time.GetUtcNow() < cached.RefreshAt) return cached.Token;
            var refreshToken = await store.GetRefreshTokenAsync(channelId, cancellationToken).ConfigureAwait(false)
                ?? throw new PublishRejectedException(
                    $"youtube: no refresh token for channel '{channelId}': set Publish:YouTube:RefreshToken (scope youtube.upload)");
            var (token, expiresIn) = await RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            var lifetime = expiresIn > Margin * 2 ? expiresIn - Margin : expiresIn / 2;
            _cache[channelId] = (token, time.GetUtcNow() + lifetime);
            logger.LogInformation("YouTube access token refreshed for {Channel} (valid {Seconds:0} s)", channelId, expiresIn.TotalSeconds);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the channel's access token (YouTube answered 401 to it).</summary>
    public void Invalidate(string channelId)
    {
        _gate.Wait();
        try
        {
            _cache.Remove(channelId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, TimeSpan ExpiresIn)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create("client_id", options.ClientId!),
                KeyValuePair.Create("client_secret", options.ClientSecret!),
                KeyValuePair.Create("refresh_token", refreshToken),
                KeyValuePair.Create("grant_type", "refresh_token"),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientProviderException($"youtube: the token endpoint {options.TokenUrl.Host} did not answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new TransientProviderException($"youtube: the token endpoint {options.TokenUrl.Host} is unreachable ({ex.HttpRequestError})");
        }
        var (accessToken, expiresIn, error) = Parse(body);
        if (status is >= 200 and < 300 && accessToken is not null) return (accessToken, TimeSpan.FromSeconds(expiresIn is > 0 ? expiresIn.Value : 3600));
        if (status is 429 or >= 500) throw new TransientProviderException($"youtube: the token endpoint answered {status}; try again later");
        throw new PublishRejectedException(
            $"youtube: refreshing the access token failed ({status} {error ?? "no error code"}): the refresh token or client is not valid any more; " +
            "get a new refresh token (scope youtube.upload) and set Publish:YouTube:RefreshToken");
    }

    private static (string? Token, double? ExpiresIn, string? Error) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, null);
            var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            double? expires = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
            // Only the error code is kept: error_description is free text and is never echoed.
            var error = root.TryGetProperty("error", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return (string.IsNullOrEmpty(token) ? null : token, expires, error is { Length: <= 64 } ? error : null);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}
