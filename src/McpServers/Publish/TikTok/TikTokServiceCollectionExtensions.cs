using AiVideo.McpServers.Publish.Platforms;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.TikTok;

public static class TikTokServiceCollectionExtensions
{
    /// <summary>
    /// The TikTok publisher and its parts, from <c>Publish:TikTok:*</c> (checked now: a bad or missing setting stops the
    /// server with one line per problem, never quoting a secret). <see cref="ITikTokTokenStore"/> defaults to the configured
    /// refresh token; <c>aivideo auth tiktok</c> will register its own store before this runs.
    /// </summary>
    public static IServiceCollection AddTikTokPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        var options = TikTokOptions.FromConfiguration(configuration, out var errors);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        services.AddSingleton(options);
        services.TryAddSingleton<ITikTokTokenStore>(_ => new ConfigTikTokTokenStore(options));
        services.AddSingleton(_ => new HttpClientHolder(CreateHttpClient()));
        services.AddSingleton(sp => new TikTokTokenProvider(options, sp.GetRequiredService<ITikTokTokenStore>(), sp.GetRequiredService<HttpClientHolder>().Client,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TikTokTokenProvider>>()));
        services.AddSingleton(sp => new TikTokApi(options, sp.GetRequiredService<TikTokTokenProvider>(), sp.GetRequiredService<HttpClientHolder>().Client,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TikTokApi>>()));
        services.AddSingleton(sp => new TikTokPublisher(options, sp.GetRequiredService<PlatformPostLedger>(), sp.GetRequiredService<TikTokApi>(),
            sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TikTokPublisher>>()));
        return services;
    }

    /// <summary>No redirects and no overall timeout (each request has its own).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    internal sealed class HttpClientHolder(HttpClient client)
    {
        public HttpClient Client { get; } = client;
    }
}
