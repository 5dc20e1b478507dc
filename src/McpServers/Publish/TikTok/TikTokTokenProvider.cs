using System.Net.Http.Headers;
using System.Text.Json;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// Access tokens for the Content Posting API: <c>POST TokenUrl</c> with a form body (<c>client_key</c>, <c>client_secret</c>,
/// <c>grant_type=refresh_token</c>, <c>refresh_token</c>), cached until one minute before <c>expires_in</c>; a rotated
/// refresh token is handed to the store. <see cref="Invalidate"/> drops a refused token. Tokens are never logged.
/// </summary>
public sealed class TikTokTokenProvider(TikTokOptions options, ITikTokTokenStore store, HttpClient http, TimeProvider time, ILogger<TikTokTokenProvider> logger)
{
    public const string ReauthorizeHint = "run aivideo auth tiktok (or set a new Publish:TikTok:RefreshToken)";
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
                ?? throw new PublishRejectedException($"tiktok: no refresh token for channel '{channelId}': {ReauthorizeHint}");
            var (token, expiresIn, rotated) = await RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            if (rotated is not null && rotated != refreshToken) await store.SaveRefreshTokenAsync(channelId, rotated, cancellationToken).ConfigureAwait(false);
            var lifetime = expiresIn > Margin * 2 ? expiresIn - Margin : expiresIn / 2;
            _cache[channelId] = (token, time.GetUtcNow() + lifetime);
            logger.LogInformation("TikTok access token refreshed for {Channel} (valid {Seconds:0} s)", channelId, expiresIn.TotalSeconds);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

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

    private async Task<(string Token, TimeSpan ExpiresIn, string? Rotated)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create("client_key", options.ClientKey!),
                KeyValuePair.Create("client_secret", options.ClientSecret!),
                KeyValuePair.Create("grant_type", "refresh_token"),
                KeyValuePair.Create("refresh_token", refreshToken),
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
            throw new TransientProviderException($"tiktok: the token endpoint {options.TokenUrl.Host} did not answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new TransientProviderException($"tiktok: the token endpoint {options.TokenUrl.Host} is unreachable ({ex.HttpRequestError})");
        }
        var (accessToken, expiresIn, rotated, error) = Parse(body);
        if (status is >= 200 and < 300 && accessToken is not null) return (accessToken, TimeSpan.FromSeconds(expiresIn is > 0 ? expiresIn.Value : 86400), rotated);
        if (status is 429 or >= 500) throw new TransientProviderException($"tiktok: the token endpoint answered {status}; try again later");
        throw new PublishRejectedException($"tiktok: refreshing the access token failed ({status} {error ?? "no error code"}): access_token_invalid: {ReauthorizeHint}");
    }

    private static (string? Token, double? ExpiresIn, string? Rotated, string? Error) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, null, null);
            var token = Str(root, "access_token");
            double? expires = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
            // Only the error code is kept: error_description is free text and is never echoed.
            var error = Str(root, "error");
            return (token, expires, Str(root, "refresh_token"), error is { Length: <= 64 } ? error : null);
        }
        catch (JsonException)
        {
            return (null, null, null, null);
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
