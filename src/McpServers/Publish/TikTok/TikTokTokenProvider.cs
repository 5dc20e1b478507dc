using AiVideo.McpServers.Publish.Platforms;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// Access tokens for the Content Posting API: the channel's refresh token exchanged at <c>TokenUrl</c>
/// (<see cref="RefreshTokenGrant"/>, client_key + client_secret), cached until one minute before <c>expires_in</c>; a rotated
/// refresh token is handed to the store. <see cref="Invalidate"/> drops a refused token. Tokens are never logged.
/// </summary>
public sealed class TikTokTokenProvider(TikTokOptions options, ITikTokTokenStore store, HttpClient http, TimeProvider time, ILogger<TikTokTokenProvider> logger)
{
    public const string ReauthorizeHint = "run aivideo auth tiktok (or set a new Publish:TikTok:RefreshToken)";

    private readonly RefreshTokenGrant _grant = new(
        new RefreshTokenGrantSpec("tiktok", "TikTok", options.TokenUrl, options.Timeout,
            [KeyValuePair.Create("client_key", options.ClientKey!), KeyValuePair.Create("client_secret", options.ClientSecret!)],
            TimeSpan.FromDays(1),
            channelId => $"tiktok: no refresh token for channel '{channelId}': {ReauthorizeHint}",
            (status, error) => $"tiktok: refreshing the access token failed ({status} {error}): access_token_invalid: {ReauthorizeHint}"),
        store.GetRefreshTokenAsync, store.SaveRefreshTokenAsync, http, time, logger);

    public Task<string> GetAccessTokenAsync(string channelId, CancellationToken cancellationToken) => _grant.GetAccessTokenAsync(channelId, cancellationToken);

    public void Invalidate(string channelId) => _grant.Invalidate(channelId);
}
