using AiVideo.McpServers.Hosting;

return await McpServerApp.RunAsync("aivideo-mcp-publish", args, typeof(Program).Assembly, (services, configuration) =>
{
});
