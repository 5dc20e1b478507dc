using Microsoft.Extensions.DependencyInjection;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.McpServers.Render.Providers;
using AiVideo.McpServers.Render.Tools;
using AiVideo.Media.Assembly;
using AiVideo.Media.Render;

return await McpServerApp.RunAsync("aivideo-mcp-render", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddProceduralRender();
    services.AddSimulatedRenderPrice(configuration);
    services.AddVideoAssembly();
    services.AddSingleton<ShotRenderStore>();
    services.AddSingleton<AiVideo.Media.Ocr.CaptionOcr>();
    services.AddChaos<AiVideo.Core.Providers.IRenderProvider, ProceduralSceneRenderer>(configuration, "render", (inner, dice) => new ChaosRenderProvider(inner, dice));
});
