namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// Where the YouTube refresh token of a channel comes from. Today <see cref="ConfigTokenStore"/> (one token from
/// <c>Publish:YouTube:RefreshToken</c> for every channel); the seam for <c>aivideo auth youtube --channel ID</c>, which will
/// store encrypted tokens per channel and register its own implementation instead.
/// </summary>
public interface ITokenStore
{
    /// <summary>The refresh token for the channel, or null when none is stored.</summary>
    ValueTask<string?> GetRefreshTokenAsync(string channelId, CancellationToken cancellationToken);
}

/// <summary>The configured refresh token, the same for every channel.</summary>
public sealed class ConfigTokenStore(YouTubeOptions options) : ITokenStore
{
    public ValueTask<string?> GetRefreshTokenAsync(string channelId, CancellationToken cancellationToken) => ValueTask.FromResult(options.RefreshToken);
}
