using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Library;
using AiVideo.Media.Library;
using AiVideo.Media.Processes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Providers.Stock;

public static class StockServiceCollectionExtensions
{
    public const string PexelsApiClient = "stock-pexels";
    public const string PixabayApiClient = "stock-pixabay";
    public const string DownloadClient = "stock-download";

    /// <summary>
    /// Registers the <c>pexels</c> and <c>pixabay</c> visual sources (<see cref="StockVisualSource"/>) with their HTTP
    /// clients (retries, persisted rate limits), the stock store under the server's data directory
    /// (<c>AIVIDEO_RENDER_DATA</c>/stock) and <see cref="StockUsage"/>. Settings: <c>Render:Pexels:*</c> and
    /// <c>Render:Pixabay:*</c> (<see cref="StockProviderOptions"/>), validated at start; the keys fall back to
    /// <c>PEXELS_API_KEY</c> / <c>PIXABAY_API_KEY</c>. Needs the server's
    /// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (registered by Program.cs).
    /// </summary>
    public static IServiceCollection AddStockSources(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStockSources(configuration, Environment.GetEnvironmentVariable);

    /// <param name="environment">Reads the conventional key variables (tests pass their own).</param>
    public static IServiceCollection AddStockSources(this IServiceCollection services, IConfiguration configuration, Func<string, string?> environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<LibraryClipComposer>();
        services.TryAddSingleton(new StockStorage(LibrarySourceOptions.FromConfiguration(configuration).DataDirectory));
        services.TryAddSingleton<StockDatabase>();
        services.TryAddSingleton<StockRateLimiter>();
        services.TryAddSingleton<StockUsage>();
        services.TryAddSingleton<StockPickStore>();

        // Checked here as well as on start: one clear line listing every wrong setting of both providers stops the server
        // (McpServerApp prints it), where two failing start validations would surface as an AggregateException.
        var errors = Check<PexelsOptions>(configuration, environment).Concat(Check<PixabayOptions>(configuration, environment)).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("render server settings (stock sources): " + string.Join("; ", errors));
        AddOptions<PexelsOptions>(services, configuration, environment);
        AddOptions<PixabayOptions>(services, configuration, environment);

        // Each API client: retries outside, the persisted limiter inside (a retry is a request too). No request logging:
        // Pixabay's key travels in the query string.
        services.AddHttpClient(PexelsApiClient, c => c.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<StockRetryHandler>(sp))
            .AddHttpMessageHandler(sp => LimitHandler(sp, sp.GetRequiredService<IOptions<PexelsOptions>>().Value, "pexels"))
            .RemoveAllLoggers();
        services.AddHttpClient(PixabayApiClient, c => c.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<StockRetryHandler>(sp))
            .AddHttpMessageHandler(sp => LimitHandler(sp, sp.GetRequiredService<IOptions<PixabayOptions>>().Value, "pixabay"))
            .RemoveAllLoggers();
        services.AddHttpClient(DownloadClient, c => c.Timeout = TimeSpan.FromMinutes(5))
            .AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<StockRetryHandler>(sp));

        // The server process lives for one make, so holding one HttpClient per singleton is fine (no DNS staleness to speak of).
        services.TryAddSingleton(sp => new StockDownloader(sp.GetRequiredService<IHttpClientFactory>().CreateClient(DownloadClient), sp.GetRequiredService<ILogger<StockDownloader>>()));
        services.TryAddSingleton(sp => new PexelsClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(PexelsApiClient), sp.GetRequiredService<IOptions<PexelsOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PixabayOptions>>().Value;
            var cache = new StockResponseCache(sp.GetRequiredService<StockStorage>().ResponseFolder("pixabay"), TimeSpan.FromHours(options.CacheHours), sp.GetRequiredService<TimeProvider>());
            return new PixabayClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(PixabayApiClient), options, cache);
        });
        services.AddSingleton<IVisualSource>(sp => Source(sp, sp.GetRequiredService<PexelsClient>()));
        services.AddSingleton<IVisualSource>(sp => Source(sp, sp.GetRequiredService<PixabayClient>()));
        return services;
    }

    private static IReadOnlyList<string> Check<TOptions>(IConfiguration configuration, Func<string, string?> environment) where TOptions : StockProviderOptions, new()
    {
        var options = new TOptions();
        try
        {
            configuration.GetSection(options.Section).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return [$"a {options.DisplayName} setting ({options.Setting("*")}) is not a value of its type (PerPage, RateLimit: whole numbers; MinScore, RateWindowSec: numbers)"];
        }
        return options.Validate();
    }

    private static void AddOptions<TOptions>(IServiceCollection services, IConfiguration configuration, Func<string, string?> environment) where TOptions : StockProviderOptions, new()
    {
        var section = new TOptions().Section;
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ApiKey)) o.ApiKey = environment(o.KeyEnvironmentVariable)?.Trim() ?? "";
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, StockOptionsValidator<TOptions>>());
    }

    private static StockRateLimitHandler LimitHandler(IServiceProvider sp, StockProviderOptions options, string provider) =>
        new(sp.GetRequiredService<StockRateLimiter>(), options, provider, sp.GetRequiredService<ILogger<StockRateLimitHandler>>());

    private static StockVisualSource Source(IServiceProvider sp, IStockSearchClient client) =>
        new(client, sp.GetRequiredService<StockPickStore>(), sp.GetRequiredService<StockDownloader>(), sp.GetRequiredService<LibraryClipComposer>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<StockStorage>(), sp.GetRequiredService<ILogger<StockVisualSource>>());
}
