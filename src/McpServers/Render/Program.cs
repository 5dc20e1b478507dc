using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AiVideo.Core;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.McpServers.Render.Drift;
using AiVideo.McpServers.Render.Library;
using AiVideo.McpServers.Render.Sources;
using AiVideo.McpServers.Render.Providers;
using AiVideo.McpServers.Render.Providers.Generative;
using AiVideo.McpServers.Render.Providers.Stock;
using AiVideo.McpServers.Render.Tools;
using AiVideo.Media.Assembly;
using AiVideo.Media.Library;
using AiVideo.Media.Probing;
using AiVideo.Media.Render;
using AiVideo.Memory.Embeddings;
using AiVideo.Memory.Performance;

return await McpServerApp.RunAsync("aivideo-mcp-render", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddProceduralRender();
    services.AddSimulatedRenderPrice(configuration);
    // Drift by image embeddings (Drift:Embedding: http or onnx) for generated cloud footage; none: colour histogram.
    services.AddDriftGate(configuration);
    services.AddVideoAssembly();
    services.AddSingleton<ShotRenderStore>();
    services.AddSingleton<AiVideo.Media.Ocr.CaptionOcr>();
    services.AddChaos<IRenderProvider, ProceduralSceneRenderer>(configuration, "render", (inner, dice) => new ChaosRenderProvider(inner, dice));

    // Visual sources. The library ranks with the same embedding model as the performance memory (Memory:Embeddings,
    // passed on by the aivideo CLI; offline the hashed n-gram embedder).
    var library = LibrarySourceOptions.FromConfiguration(configuration);
    services.AddOptions<LibrarySourceOptions>()
        .Configure(o => (o.AllowedFolders, o.DataDirectory, o.MinScore) = (library.AllowedFolders, library.DataDirectory, library.MinScore))
        .Validate(o => o.Validate().Count == 0, "render server settings: " + string.Join("; ", library.Validate()))
        .ValidateOnStart();
    services.AddSingleton(sp => sp.GetRequiredService<IOptions<LibrarySourceOptions>>().Value);
    services.AddSingleton(_ =>
    {
        try
        {
            return new EmbeddingGeneratorFactory().Create(PerformanceMemoryFactory.Bind(configuration).Embeddings);
        }
        catch (InvalidInputException ex)
        {
            throw new InvalidOperationException(ex.Message);
        }
    });
    services.AddSingleton(sp => new LibraryIndexer(sp.GetRequiredService<MediaProbe>(),
        sp.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(), library.DataDirectory,
        sp.GetRequiredService<ILogger<LibraryIndexer>>()));
    services.AddSingleton<LibraryFolderAccess>();
    services.AddSingleton<LibraryPickStore>();
    services.AddSingleton<LibraryClipComposer>();
    services.AddSingleton<IVisualSource, ProceduralVisualSource>();
    services.AddSingleton<IVisualSource, LibraryVisualSource>();
    // Stock footage (pexels, pixabay): free, rate limited across makes; without keys they answer "cannot fill".
    services.AddStockSources(configuration);
    // Cloud generators (kling, runway, veo): without keys they answer "cannot fill" and the channel's next source fills the shot.
    services.AddGenerativeSources(configuration);
    services.AddSingleton<VisualSourceCatalog>();
});
