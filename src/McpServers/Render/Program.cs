using Microsoft.Extensions.DependencyInjection;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Render.Tools;
using AiVideo.Media.Assembly;
using AiVideo.Media.Render;

return await McpServerApp.RunAsync("aivideo-mcp-render", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddProceduralRender();
    services.AddVideoAssembly();
    services.AddSingleton<ShotRenderStore>();
});
