using AiVideo.McpServers.Hosting;

return await McpServerApp.RunAsync("aivideo-mcp-render", args, typeof(Program).Assembly, (services, configuration) =>
{
});
