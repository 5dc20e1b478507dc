using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.McpServers.Publish.TikTok;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.McpServers.Publish.YouTube;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.Platforms;

public static class PlatformPublishersServiceCollectionExtensions
{
    /// <summary>
    /// Routes platforms to real providers per <c>Publish:Platforms:&lt;platform&gt;</c>. Call it after the outbox's
    /// <see cref="IPublisher"/> (and its chaos decorator) are registered: when every platform stays on the outbox (the
    /// default) nothing is changed at all; otherwise the registered publisher becomes the router's outbox and the
    /// router becomes the <see cref="IPublisher"/>. Invalid settings stop the server with one line per problem.
    /// </summary>
    public static IServiceCollection AddPlatformPublishers(this IServiceCollection services, IConfiguration configuration, string outRoot)
    {
        var routing = PublishRouting.FromConfiguration(configuration);
        if (routing.Errors.Count > 0) throw new InvalidOperationException(string.Join("; ", routing.Errors));
        if (routing.AllOutbox) return services;

        var outboxDescriptor = services.LastOrDefault(d => d.ServiceType == typeof(IPublisher))
            ?? throw new InvalidOperationException("register the outbox IPublisher before AddPlatformPublishers");
        var providers = new Dictionary<string, Func<IServiceProvider, IPublisher>>(StringComparer.Ordinal);
        services.AddSingleton(sp => new PlatformPostLedger(sp.GetRequiredService<PublishDatabase>().Path, sp.GetRequiredService<TimeProvider>()));
        if (routing.Uses(PublishRouting.Webhook))
        {
            var webhook = WebhookOptions.FromConfiguration(configuration, outRoot, out var errors);
            if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
            services.AddSingleton(webhook);
            services.AddSingleton(sp => new WebhookPublisher(webhook, sp.GetRequiredService<PlatformPostLedger>(), sp.GetRequiredService<MediaProbe>(),
                new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookPublisher>>()));
            providers[PublishRouting.Webhook] = sp => sp.GetRequiredService<WebhookPublisher>();
        }
        if (routing.Uses(PublishRouting.YouTube))
        {
            services.AddYouTubePublisher(configuration);
            providers[PublishRouting.YouTube] = sp => sp.GetRequiredService<YouTubePublisher>();
        }
        if (routing.Uses(PublishRouting.TikTok))
        {
            services.AddTikTokPublisher(configuration);
            providers[PublishRouting.TikTok] = sp => sp.GetRequiredService<TikTokPublisher>();
        }
        services.AddSingleton<IPublisher>(sp =>
        {
            var outbox = Resolve(sp, outboxDescriptor);
            var resolved = providers.ToDictionary(p => p.Key, p => p.Value(sp), StringComparer.Ordinal);
            var logger = sp.GetRequiredService<ILogger<PlatformRouter>>();
            foreach (var platform in Core.Domain.PlatformNames.All)
            {
                if (resolved.TryGetValue(routing.ProviderFor(platform), out var provider)) logger.LogInformation("Publishing {Platform} through {Provider}", platform, provider.Name);
            }
            return new PlatformRouter(routing, outbox, resolved, sp.GetRequiredService<PlatformPostLedger>());
        });
        return services;
    }

    private static IPublisher Resolve(IServiceProvider sp, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IPublisher instance } => instance,
        { ImplementationFactory: { } factory } => (IPublisher)factory(sp),
        { ImplementationType: { } type } => (IPublisher)ActivatorUtilities.CreateInstance(sp, type),
        _ => throw new InvalidOperationException("cannot resolve the outbox publisher"),
    };
}
