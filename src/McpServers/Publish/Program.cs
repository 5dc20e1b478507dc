using AiVideo.Core;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Hosting;
using AiVideo.McpServers.Hosting.Chaos;
using AiVideo.McpServers.Publish.Outbox;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.Memory.Performance;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

return await McpServerApp.RunAsync("aivideo-mcp-publish", args, typeof(Program).Assembly, (services, configuration) =>
{
    var outRoot = configuration["OUT"] is { Length: > 0 } v ? v : new OutboxOptions().OutRoot;
    services.AddOptions<OutboxOptions>()
        .Configure(o => o.OutRoot = outRoot)
        .Validate(o => !string.IsNullOrWhiteSpace(o.OutRoot), "AIVIDEO_OUT must name a directory")
        .ValidateOnStart();

    // The memory settings (Memory:*, from AIVIDEO__MEMORY__… — the aivideo CLI passes its own on when it starts this
    // server) are checked before anything is opened: a bad one stops the server with one line naming it.
    MemoryOptions memory;
    PublishDatabase database;
    try
    {
        memory = PerformanceMemoryFactory.Bind(configuration);
        database = PublishDatabase.Open(outRoot);
    }
    catch (InvalidInputException ex)
    {
        throw new InvalidOperationException(ex.Message);
    }
    catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
    {
        throw new InvalidOperationException($"cannot open {PublishDatabase.PathFor(outRoot)}: {ex.Message}");
    }
    foreach (var moved in database.Moved)
    {
        Console.Error.WriteLine($"aivideo-mcp-publish: moved table {moved.Table} ({moved.Rows} rows) from {moved.SourceFile} into {PublishDatabase.FileName}");
    }

    services.AddSingleton(database);
    services.AddSingleton(memory);
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<ProcessRunner>();
    services.AddSingleton<MediaProbe>();
    services.AddSingleton<OutboxPublisher>();
    services.AddSingleton(_ => new PerformanceLedger(database.Path));
    services.AddSingleton(sp => new PerformanceMemoryFactory(memory, sp.GetRequiredService<TimeProvider>()).Open(sp.GetRequiredService<PerformanceLedger>()));
    services.AddSingleton<IPublisher>(sp => sp.GetRequiredService<OutboxPublisher>());
    services.AddChaos<IPublisher, OutboxPublisher>(configuration, "publish", (inner, dice) => new ChaosPublisher(inner, dice));
    // Publish:Platforms:<platform> = outbox (default) | webhook (webhook only) | youtube (youtube_shorts only): with every
    // platform on the outbox nothing above changes.
    services.AddPlatformPublishers(configuration, outRoot);
});
