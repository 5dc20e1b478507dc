using AiVideo.McpServers.Hosting;

return await McpServerApp.RunAsync("aivideo-mcp-voice", args, typeof(Program).Assembly, (services, configuration) =>
{
});
