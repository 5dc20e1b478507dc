using AiVideo.Core.Domain;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Publish.Platforms;

/// <summary>
/// Which provider publishes each platform: <c>Publish:Platforms:&lt;platform&gt;</c> (env
/// <c>AIVIDEO__PUBLISH__PLATFORMS__WEBHOOK=webhook</c>). Every platform defaults to <c>outbox</c>; <c>webhook</c> is
/// accepted for the <c>webhook</c> platform only, <c>youtube</c> for <c>youtube_shorts</c> only, <c>tiktok</c> for <c>tiktok</c> only (Instagram comes later).
/// </summary>
public sealed class PublishRouting
{
    public const string Outbox = "outbox";
    public const string Webhook = "webhook";
    public const string YouTube = "youtube";
    public const string TikTok = "tiktok";

    private readonly IReadOnlyDictionary<string, string> _providers;

    private PublishRouting(IReadOnlyDictionary<string, string> providers, IReadOnlyList<string> errors)
    {
        _providers = providers;
        Errors = errors;
    }

    /// <summary>Everything wrong with the settings, one line each (empty when valid).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when every platform goes to the outbox (the default): the server is wired exactly as before.</summary>
    public bool AllOutbox => _providers.Values.All(p => p == Outbox);

    /// <summary>True when at least one platform goes to <paramref name="provider"/>.</summary>
    public bool Uses(string provider) => _providers.Values.Contains(provider, StringComparer.Ordinal);

    public string ProviderFor(string platform) => _providers.TryGetValue(platform, out var provider) ? provider : Outbox;

    public static PublishRouting Default { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    public static PublishRouting FromConfiguration(IConfiguration configuration)
    {
        var providers = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var entry in configuration.GetSection("Publish:Platforms").GetChildren())
        {
            var platform = entry.Key.ToLowerInvariant();
            var provider = (entry.Value ?? "").Trim().ToLowerInvariant();
            if (!PlatformNames.IsKnown(platform))
            {
                errors.Add($"Publish:Platforms:{entry.Key}: {PlatformNames.UnknownMessage(entry.Key)}");
                continue;
            }
            if (provider is not (Outbox or Webhook or YouTube or TikTok))
            {
                errors.Add($"Publish:Platforms:{platform} = '{entry.Value}' is not a provider (known: {Outbox}, {Webhook}, {YouTube}, {TikTok})");
                continue;
            }
            if (provider == Webhook && platform != PlatformNames.Webhook)
            {
                errors.Add($"Publish:Platforms:{platform} = webhook is not supported yet: only the '{PlatformNames.Webhook}' platform can go to the webhook");
                continue;
            }
            if (provider == YouTube && platform != PlatformNames.YouTubeShorts)
            {
                errors.Add($"Publish:Platforms:{platform} = youtube is not supported: only the '{PlatformNames.YouTubeShorts}' platform can go to YouTube");
                continue;
            }
            if (provider == TikTok && platform != PlatformNames.TikTok)
            {
                errors.Add($"Publish:Platforms:{platform} = tiktok is not supported: only the '{PlatformNames.TikTok}' platform can go to TikTok");
                continue;
            }
            providers[platform] = provider;
        }
        return new PublishRouting(providers, errors);
    }
}
