using System.Net.Http.Headers;
using System.Text.Json;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.Platforms;

/// <summary>What differs between platforms in the OAuth refresh-token grant: names, form fields and what to tell the operator.</summary>
/// <param name="Platform">Lower-case prefix of every message (youtube, tiktok).</param>
/// <param name="DisplayName">For the log (YouTube, TikTok).</param>
/// <param name="ClientFields">The client's form fields (client_id or client_key, client_secret).</param>
/// <param name="DefaultLifetime">Assumed when the answer has no <c>expires_in</c>.</param>
/// <param name="NoRefreshToken">The message when the store has no refresh token for the channel.</param>
/// <param name="Refused">The message when the token endpoint refuses the refresh token or client (gets the status and error code).</param>
public sealed record RefreshTokenGrantSpec(
    string Platform,
    string DisplayName,
    Uri TokenUrl,
    TimeSpan Timeout,
    IReadOnlyList<KeyValuePair<string, string>> ClientFields,
    TimeSpan DefaultLifetime,
    Func<string, string> NoRefreshToken,
    Func<int, string, string> Refused);

/// <summary>
/// Access tokens by the OAuth refresh-token grant, shared by the platform publishers: <c>POST TokenUrl</c> with a form
/// body (the client fields, <c>grant_type=refresh_token</c>, <c>refresh_token</c>), cached per channel until one minute
/// before <c>expires_in</c>; a rotated refresh token in the answer is handed to <paramref name="saveRotated"/> (when the
/// platform's store keeps them). <see cref="Invalidate"/> drops a token the platform refused (401) so the next call
/// refreshes. 429/5xx/no answer are transient; any other refusal is permanent. Tokens are never logged or echoed.
/// </summary>
public sealed class RefreshTokenGrant(
    RefreshTokenGrantSpec spec,
    Func<string, CancellationToken, ValueTask<string?>> loadRefreshToken,
    Func<string, string, CancellationToken, ValueTask>? saveRotated,
    HttpClient http,
    TimeProvider time,
    ILogger logger)
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
            var refreshToken = await loadRefreshToken(channelId, cancellationToken).ConfigureAwait(false)
                ?? throw new PublishRejectedException(spec.NoRefreshToken(channelId));
            var (token, expiresIn, rotated) = await RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            if (saveRotated is not null && rotated is not null && rotated != refreshToken)
            {
                await saveRotated(channelId, rotated, cancellationToken).ConfigureAwait(false);
            }
            var lifetime = expiresIn > Margin * 2 ? expiresIn - Margin : expiresIn / 2;
            _cache[channelId] = (token, time.GetUtcNow() + lifetime);
            logger.LogInformation("{Platform} access token refreshed for {Channel} (valid {Seconds:0} s)", spec.DisplayName, channelId, expiresIn.TotalSeconds);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the channel's access token (the platform answered 401 to it).</summary>
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
        timeout.CancelAfter(spec.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, spec.TokenUrl)
        {
            Content = new FormUrlEncodedContent([
                .. spec.ClientFields,
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
            throw new TransientProviderException($"{spec.Platform}: the token endpoint {spec.TokenUrl.Host} did not answer within {spec.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new TransientProviderException($"{spec.Platform}: the token endpoint {spec.TokenUrl.Host} is unreachable ({ex.HttpRequestError})");
        }
        var (accessToken, expiresIn, rotated, error) = Parse(body);
        if (status is >= 200 and < 300 && accessToken is not null)
        {
            return (accessToken, expiresIn is > 0 ? TimeSpan.FromSeconds(expiresIn.Value) : spec.DefaultLifetime, rotated);
        }
        if (status is 429 or >= 500) throw new TransientProviderException($"{spec.Platform}: the token endpoint answered {status}; try again later");
        throw new PublishRejectedException(spec.Refused(status, error ?? "no error code"));
    }

    private static (string? Token, double? ExpiresIn, string? Rotated, string? Error) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, null, null);
            double? expires = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
            // Only the error code is kept: error_description is free text and is never echoed.
            var error = Str(root, "error");
            return (Str(root, "access_token"), expires, Str(root, "refresh_token"), error is { Length: <= 64 } ? error : null);
        }
        catch (JsonException)
        {
            return (null, null, null, null);
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
