using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

public static class YouTubeServiceCollectionExtensions
{
    /// <summary>
    /// The YouTube Shorts publisher and its parts, from <c>Publish:YouTube:*</c> (checked now: a bad or missing setting
    /// stops the server with one line per problem, never quoting a secret). <see cref="ITokenStore"/> defaults to the
    /// configured refresh token; <c>aivideo auth youtube</c> will register its own store before this runs.
    /// </summary>
    public static IServiceCollection AddYouTubePublisher(this IServiceCollection services, IConfiguration configuration)
    {
        var options = YouTubeOptions.FromConfiguration(configuration, out var errors);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        services.AddSingleton(options);
        services.TryAddSingleton<ITokenStore>(_ => new ConfigTokenStore(options));
        services.AddSingleton(_ => new HttpClientHolder(CreateHttpClient()));
        services.AddSingleton(sp => new YouTubeTokenProvider(options, sp.GetRequiredService<ITokenStore>(), sp.GetRequiredService<HttpClientHolder>().Client,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<YouTubeTokenProvider>>()));
        services.AddSingleton(sp => new YouTubeResumableUpload(options, sp.GetRequiredService<YouTubeTokenProvider>(), sp.GetRequiredService<HttpClientHolder>().Client,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<YouTubeResumableUpload>>()));
        services.AddSingleton(sp => new YouTubeProcessingWatch(options, sp.GetRequiredService<YouTubeTokenProvider>(), sp.GetRequiredService<HttpClientHolder>().Client,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<YouTubeProcessingWatch>>()));
        services.AddSingleton(sp => new YouTubePublisher(options, sp.GetRequiredService<PlatformPostLedger>(),
            new YouTubeUploadQuota(sp.GetRequiredService<PublishDatabase>().Path, sp.GetRequiredService<TimeProvider>()),
            new YouTubeSessionSizes(sp.GetRequiredService<PublishDatabase>().Path), sp.GetRequiredService<YouTubeResumableUpload>(),
            sp.GetRequiredService<YouTubeProcessingWatch>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<YouTubePublisher>>()));
        return services;
    }

    /// <summary>
    /// No redirects (a 308 Resume Incomplete is an answer, not a redirect) and no overall timeout (each request has its own).
    /// </summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The YouTube publisher's own HttpClient (no overall timeout: each request has its own).</summary>
    internal sealed class HttpClientHolder(HttpClient client)
    {
        public HttpClient Client { get; } = client;
    }
}
