using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Library;
using AiVideo.Media.Library;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Providers.Generative;

public static class GenerativeServiceCollectionExtensions
{
    /// <summary>How long one API request may take (a download of a finished clip included).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers the generative visual sources <c>kling</c>, <c>runway</c> and <c>veo</c> with their settings
    /// (<c>Render:Kling</c>, <c>Render:Runway</c>, <c>Render:Veo</c>, <c>Render:Generation</c>; keys also from
    /// KLING_ACCESS_KEY/KLING_SECRET_KEY, RUNWAYML_API_SECRET, GEMINI_API_KEY), validated at start. A source without keys
    /// is still offered: it answers "cannot fill" so the channel's next source fills the shot.
    /// </summary>
    public static IServiceCollection AddGenerativeSources(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = LibrarySourceOptions.FromConfiguration(configuration).DataDirectory; // RENDER_DATA, default $AIVIDEO_OUT/render
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GenerationOptions>, GenerativeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlingOptions>, GenerativeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunwayOptions>, GenerativeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VeoOptions>, GenerativeOptionsValidator>());
        services.AddOptions<GenerationOptions>().Bind(configuration.GetSection(GenerationOptions.Section))
            .PostConfigure(o => o.DataDirectory = string.IsNullOrWhiteSpace(o.DataDirectory) ? dataDirectory : Path.GetFullPath(o.DataDirectory))
            .ValidateOnStart();
        services.AddOptions<KlingOptions>().Bind(configuration.GetSection(KlingOptions.Section))
            .PostConfigure(o => o.ApplyEnvironment(Environment.GetEnvironmentVariable)).ValidateOnStart();
        services.AddOptions<RunwayOptions>().Bind(configuration.GetSection(RunwayOptions.Section))
            .PostConfigure(o => o.ApplyEnvironment(Environment.GetEnvironmentVariable)).ValidateOnStart();
        services.AddOptions<VeoOptions>().Bind(configuration.GetSection(VeoOptions.Section))
            .PostConfigure(o => o.ApplyEnvironment(Environment.GetEnvironmentVariable)).ValidateOnStart();

        foreach (var name in new[] { KlingClient, RunwayClient, VeoClient })
        {
            services.AddHttpClient(name, client => client.Timeout = RequestTimeout);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<LibraryClipComposer>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton(sp => new GenerationJobStore(sp.GetRequiredService<IOptions<GenerationOptions>>().Value));

        services.AddSingleton<IVisualSource>(sp => Source(sp, new KlingVideoGenerator(Client(sp, KlingClient), sp.GetRequiredService<IOptions<KlingOptions>>().Value,
            Generation(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KlingVideoGenerator>>())));
        services.AddSingleton<IVisualSource>(sp => Source(sp, new RunwayVideoGenerator(Client(sp, RunwayClient), sp.GetRequiredService<IOptions<RunwayOptions>>().Value,
            Generation(sp), sp.GetRequiredService<ILogger<RunwayVideoGenerator>>())));
        services.AddSingleton<IVisualSource>(sp => Source(sp, new VeoVideoGenerator(Client(sp, VeoClient), sp.GetRequiredService<IOptions<VeoOptions>>().Value,
            Generation(sp), sp.GetRequiredService<ILogger<VeoVideoGenerator>>())));
        return services;
    }

    private const string KlingClient = "aivideo-kling";
    private const string RunwayClient = "aivideo-runway";
    private const string VeoClient = "aivideo-veo";

    private static HttpClient Client(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private static GenerationOptions Generation(IServiceProvider services) => services.GetRequiredService<IOptions<GenerationOptions>>().Value;

    private static GenerativeVisualSource Source(IServiceProvider services, IVideoGenerator generator) =>
        new(generator, services.GetRequiredService<GenerationJobStore>(), services.GetRequiredService<LibraryClipComposer>(),
            services.GetRequiredService<MediaProbe>(), Generation(services),
            services.GetRequiredService<ILogger<GenerativeVisualSource>>());
}
