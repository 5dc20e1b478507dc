using AiVideo.McpServers.Hosting;
using AiVideo.Media.Speech;

return await McpServerApp.RunAsync("aivideo-mcp-voice", args, typeof(Program).Assembly, (services, _) =>
{
    services.AddEspeakVoice();
});
