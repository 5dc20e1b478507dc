using AiVideo.Core.Providers;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.Media.Speech;

return await McpServerApp.RunAsync("aivideo-mcp-voice", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddEspeakVoice();
    services.AddChaos<IVoiceProvider, EspeakVoiceProvider>(configuration, "voice", (inner, dice) => new ChaosVoiceProvider(inner, dice));
});
