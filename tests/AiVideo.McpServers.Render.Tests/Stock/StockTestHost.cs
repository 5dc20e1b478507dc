using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Providers.Stock;
using AiVideo.Memory.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiVideo.McpServers.Render.Tests.Stock;

/// <summary>
/// The stock sources as the Render server composes them (<see cref="StockServiceCollectionExtensions.AddStockSources(IServiceCollection, IConfiguration)"/>),
/// pointed at a <see cref="FakeStockApi"/>, with a test clock and the offline embedder. Two hosts on one data directory
/// are two server processes.
/// </summary>
public sealed class StockTestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public StockTestHost(string dataDirectory, FakeStockApi api, TimeProvider time, IDictionary<string, string?>? settings = null, Func<string, string?>? environment = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["RENDER_DATA"] = dataDirectory,
            ["Render:Pexels:BaseUrl"] = api.BaseUrl,
            ["Render:Pexels:ApiKey"] = FakeStockApi.PexelsKey,
            ["Render:Pixabay:BaseUrl"] = api.BaseUrl,
            ["Render:Pixabay:ApiKey"] = FakeStockApi.PixabayKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashedNgramEmbeddingGenerator());
        services.AddStockSources(configuration, environment ?? (_ => null));
        _provider = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _provider;

    public IVisualSource Source(string name) => _provider.GetServices<IVisualSource>().Single(s => s.Name == name);

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
