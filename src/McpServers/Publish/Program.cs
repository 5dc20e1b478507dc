using AiVideo.Core.Providers;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.McpServers.Publish.Outbox;
using AiVideo.Memory.Performance;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

return await McpServerApp.RunAsync("aivideo-mcp-publish", args, typeof(Program).Assembly, (services, configuration) =>
{
    services.AddOptions<OutboxOptions>()
        .Configure(o => o.OutRoot = configuration["OUT"] is { Length: > 0 } v ? v : o.OutRoot)
        .Validate(o => !string.IsNullOrWhiteSpace(o.OutRoot), "AIVIDEO_OUT must name a directory")
        .ValidateOnStart();
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<ProcessRunner>();
    services.AddSingleton<MediaProbe>();
    services.AddSingleton<OutboxPublisher>();
    // The performance ledger lives in the run store's file, <out>/aivideo.db, where ideation reads it.
    services.AddSingleton(sp => new PerformanceLedger(Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<OutboxOptions>>().Value.OutRoot), "aivideo.db")));
    services.AddSingleton<IPublisher>(sp => sp.GetRequiredService<OutboxPublisher>());
    services.AddChaos<IPublisher, OutboxPublisher>(configuration, "publish", (inner, dice) => new ChaosPublisher(inner, dice));
});
