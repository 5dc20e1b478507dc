using AiVideo.Core.Providers;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.McpServers.Voice.Providers;
using AiVideo.Media.Speech;
using Microsoft.Extensions.DependencyInjection;

return await McpServerApp.RunAsync("aivideo-mcp-voice", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddEspeakVoice();
    services.AddSingleton<AiVideo.Media.Processes.ProcessRunner>();
    services.AddSingleton<SpeechRecognizer>();
    services.AddSingleton<AiVideo.McpServers.Voice.Tools.VoiceCatalog>();
    services.AddChaos<IVoiceProvider, EspeakVoiceProvider>(configuration, "voice", (inner, dice) => new ChaosVoiceProvider(inner, dice));
    services.AddCloudVoices(configuration);
});
