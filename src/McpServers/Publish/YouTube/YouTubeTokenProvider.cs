using AiVideo.McpServers.Publish.Platforms;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// Access tokens for the YouTube API: the channel's refresh token exchanged at <c>TokenUrl</c> (<see cref="RefreshTokenGrant"/>,
/// client_id + client_secret), cached until one minute before <c>expires_in</c>. <see cref="Invalidate"/> drops a token
/// YouTube refused (401) so the next call refreshes. Tokens are never logged.
/// </summary>
public sealed class YouTubeTokenProvider(YouTubeOptions options, ITokenStore store, HttpClient http, TimeProvider time, ILogger<YouTubeTokenProvider> logger)
{
    private readonly RefreshTokenGrant _grant = new(
        new RefreshTokenGrantSpec("youtube", "YouTube", options.TokenUrl, options.Timeout,
            [KeyValuePair.Create("client_id", options.ClientId!), KeyValuePair.Create("client_secret", options.ClientSecret!)],
            TimeSpan.FromHours(1),
            channelId => $"youtube: no refresh token for channel '{channelId}': set Publish:YouTube:RefreshToken (scope youtube.upload)",
            (status, error) => $"youtube: refreshing the access token failed ({status} {error}): the refresh token or client is not valid any more; " +
                "get a new refresh token (scope youtube.upload) and set Publish:YouTube:RefreshToken"),
        store.GetRefreshTokenAsync, saveRotated: null, http, time, logger);

    public Task<string> GetAccessTokenAsync(string channelId, CancellationToken cancellationToken) => _grant.GetAccessTokenAsync(channelId, cancellationToken);

    /// <summary>Forgets the channel's access token (YouTube answered 401 to it).</summary>
    public void Invalidate(string channelId) => _grant.Invalidate(channelId);
}
