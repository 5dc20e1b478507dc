namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// Where the TikTok refresh token of a channel comes from. Today <see cref="ConfigTikTokTokenStore"/> (one token from
/// <c>Publish:TikTok:RefreshToken</c> for every channel); the seam for <c>aivideo auth tiktok --channel ID</c>, which will
/// store encrypted tokens per channel (TikTok rotates refresh tokens) and register its own implementation instead.
/// </summary>
public interface ITikTokTokenStore
{
    ValueTask<string?> GetRefreshTokenAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>TikTok may hand out a new refresh token with each refresh; a persistent store keeps it.</summary>
    ValueTask SaveRefreshTokenAsync(string channelId, string refreshToken, CancellationToken cancellationToken);
}

/// <summary>The configured refresh token, the same for every channel (a rotated token is kept in memory only).</summary>
public sealed class ConfigTikTokTokenStore(TikTokOptions options) : ITikTokTokenStore
{
    private string? _rotated;

    public ValueTask<string?> GetRefreshTokenAsync(string channelId, CancellationToken cancellationToken) => ValueTask.FromResult(_rotated ?? options.RefreshToken);

    public ValueTask SaveRefreshTokenAsync(string channelId, string refreshToken, CancellationToken cancellationToken)
    {
        _rotated = refreshToken;
        return ValueTask.CompletedTask;
    }
}
