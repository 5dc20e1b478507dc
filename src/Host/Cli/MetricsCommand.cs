using System.CommandLine;
using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Domain;
using AiVideo.Host.Memory;
using AiVideo.Host.Runs;
using AiVideo.Memory.Analytics;
using AiVideo.Memory.Performance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo metrics import FILE.csv</c>, <c>aivideo metrics pull --platform P --channel ID</c>,
/// <c>aivideo metrics list --channel ID</c> and <c>aivideo memory recall --channel ID --topic TEXT</c>: performance in
/// and out of the Publish server's memory, through its tools (the server is started for the command, as make does; the
/// CLI never opens its database). Analytics APIs are called here, with the CLI's tokens, and what they report is written
/// with record_performance_batch. Exit 0 done, 1 an API or the server refused, 2 bad input (nothing imported).
/// </summary>
public sealed class MetricsCommand(TextWriter stdout, TextWriter stderr, MemoryConfiguration memory, Func<IConfiguration> configuration, TimeProvider time,
    ILoggerFactory loggerFactory, Func<HttpClient>? httpClientFactory = null)
{
    /// <summary>The <c>metrics</c> and <c>memory</c> commands; <paramref name="create"/> is called only when one runs.</summary>
    public static IEnumerable<Command> Commands(Func<MetricsCommand> create)
    {
        Option<string?> Out() => CliOptions.Text("--out", "DIR", "the output folder (default out)");
        Option<string?> Channel() => CliOptions.Text("--channel", "ID", "the channel id");
        Command Verb(string name, string description, Func<MetricsCommand, ParseResult, Func<Task<PerformanceMemoryClient>>, CancellationToken, Task<int>> run, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                if (symbol is Option option) command.Add(option);
                else command.Add((Argument)symbol);
            }
            var outOption = Out();
            command.Add(outOption);
            var mcpOption = CliOptions.Text("--mcp-config", "FILE", "the MCP servers to start (default mcp.json)");
            command.Add(mcpOption);
            command.SetAction((result, ct) =>
            {
                var metrics = create();
                return run(metrics, result, metrics.Starter(result.GetValue(outOption) ?? "out", result.GetValue(mcpOption) ?? MakeOptions.DefaultMcpConfig, ct), ct);
            });
            return command;
        }

        var file = CliOptions.Argument<string>("FILE.csv", "metrics CSV (see README, \"Performance memory\")");
        var pullPlatform = CliOptions.OneOf("--platform", "the analytics API to pull from", [PlatformNames.YouTubeShorts, PlatformNames.TikTok],
            "import other platforms' numbers with 'aivideo metrics import'");
        pullPlatform.Required = true;
        var pullChannel = Channel();
        pullChannel.Required = true;
        var listChannel = Channel();
        listChannel.Required = true;
        var listPlatform = CliOptions.OneOf("--platform", "only this platform's videos", PlatformNames.All);
        yield return new Command("metrics", "performance in and out of the Publish server's memory (<out>/publish.db)")
        {
            Verb("import", "record metrics from a CSV file; bad rows are listed by line and nothing is imported",
                (c, r, start, ct) => c.ImportAsync(r.GetValue(file)!, start, ct), file),
            Verb("pull", "pull metrics of the channel's published videos from the analytics APIs",
                (c, r, start, ct) => c.PullAsync(r.GetValue(pullPlatform)!, r.GetValue(pullChannel)!, start, ct), pullPlatform, pullChannel),
            Verb("list", "the channel's videos with their latest metrics and score",
                (c, r, start, ct) => c.ListAsync(r.GetValue(listChannel)!, r.GetValue(listPlatform), start, ct), listChannel, listPlatform),
        };

        var recallChannel = Channel();
        recallChannel.Required = true;
        var topic = CliOptions.Text("--topic", "TEXT", "the topic ideation would write about");
        topic.Required = true;
        yield return new Command("memory", "the performance memory")
        {
            Verb("recall", "what ideation would be given for a topic",
                (c, r, start, ct) => c.RecallAsync(r.GetValue(recallChannel)!, r.GetValue(topic)!, start, ct), recallChannel, topic),
        };
    }

    private async Task<int> ImportAsync(string file, Func<Task<PerformanceMemoryClient>> start, CancellationToken cancellationToken)
    {
        if (!File.Exists(file)) throw new InvalidInputException($"CSV file '{file}' does not exist");
        var csv = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        await using var server = await start().ConfigureAwait(false);
        var report = await server.ImportCsvAsync(csv, "csv:" + Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            foreach (var error in report.Errors) await stderr.WriteLineAsync($"{file}:{error.Line}: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync($"nothing imported: {report.Errors.Count} bad row(s); fix them and import the file again").ConfigureAwait(false);
            return 2;
        }
        await stdout.WriteLineAsync($"imported {report.Imported} observation(s), skipped {report.Duplicates} duplicate(s) into {report.Store}").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> PullAsync(string platform, string channelId, Func<Task<PerformanceMemoryClient>> start, CancellationToken cancellationToken)
    {
        await using var server = await start().ConfigureAwait(false);
        var videos = (await server.ListAsync(channelId, platform, cancellationToken).ConfigureAwait(false)).Select(ToPublishedVideo).ToList();
        if (videos.Count == 0)
        {
            await stdout.WriteLineAsync($"no {platform} videos of channel {channelId} in the Publish server's memory").ConfigureAwait(false);
            return 0;
        }
        var puller = Puller(platform);
        IReadOnlyList<MetricsObservation> observations;
        try
        {
            observations = await puller.PullAsync(videos, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyticsApiException ex)
        {
            await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        var recorded = observations.Count == 0 ? 0 : (await server.RecordBatchAsync(
            observations.Select(o => new ObservedMetrics(o.Platform, o.ExternalId, o.ObservedAt, o.Views, o.WatchTimeSec, o.AverageViewPercent, o.Likes, o.Shares, o.Comments, o.Follows)).ToList(),
            "pull:" + platform, cancellationToken).ConfigureAwait(false)).Recorded;
        await stdout.WriteLineAsync($"pulled {observations.Count} of {videos.Count} video(s) from {platform}: {recorded} recorded").ConfigureAwait(false);
        return 0;
    }

    /// <summary>What a puller needs to know of a video, from list_performance's answer.</summary>
    private static PublishedVideo ToPublishedVideo(PerformanceVideoToolResult v) => new()
    {
        ChannelId = v.ChannelId, Platform = v.Platform, ExternalId = v.ExternalId, RunId = v.RunId, Title = v.Title, Hook = v.Hook, Topic = v.Topic,
        Beats = v.Beats, HookStyle = v.HookStyle, DurationSec = v.DurationSec, PostedAt = v.PostedAt,
    };

    private IAnalyticsPuller Puller(string platform)
    {
        var config = configuration();
        var http = httpClientFactory?.Invoke() ?? new HttpClient();
        switch (platform)
        {
            case PlatformNames.YouTubeShorts:
                var youtube = new YouTubeAnalyticsOptions();
                config.GetSection("Analytics:YouTube").Bind(youtube);
                Validate("Analytics:YouTube", youtube.Validate());
                return new YouTubeAnalyticsPuller(http, youtube, time);
            case PlatformNames.TikTok:
                var tiktok = new TikTokAnalyticsOptions();
                config.GetSection("Analytics:TikTok").Bind(tiktok);
                Validate("Analytics:TikTok", tiktok.Validate());
                return new TikTokAnalyticsPuller(http, tiktok, time);
            default:
                throw new InvalidInputException($"no analytics puller for '{platform}' (pullers: {PlatformNames.YouTubeShorts}, {PlatformNames.TikTok}); import its numbers with 'aivideo metrics import'");
        }
    }

    private static void Validate(string section, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0) throw new InvalidInputException($"{section}: {string.Join("; ", errors)} (set e.g. AIVIDEO__{section.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}__ACCESSTOKEN)");
    }

    private async Task<int> ListAsync(string channelId, string? platform, Func<Task<PerformanceMemoryClient>> start, CancellationToken cancellationToken)
    {
        if (platform is not null && !PlatformNames.IsKnown(platform)) throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        await using var server = await start().ConfigureAwait(false);
        var videos = await server.ListAsync(channelId, platform, cancellationToken).ConfigureAwait(false);
        if (videos.Count == 0) await stdout.WriteLineAsync($"no videos of channel {channelId}").ConfigureAwait(false);
        foreach (var v in videos)
        {
            var numbers = v.Latest is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.Views,9} views {m.AverageViewPercent,5:0.#}%  score {v.Score,9:0.#}  at {m.ObservedAt:yyyy-MM-dd}") : "no metrics yet";
            await stdout.WriteLineAsync($"{v.PostedAt:yyyy-MM-dd}  {v.Key,-40} {v.HookStyle,-11} {numbers}  {v.Title}").ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<int> RecallAsync(string channelId, string topic, Func<Task<PerformanceMemoryClient>> start, CancellationToken cancellationToken)
    {
        if (!memory.Options.Enabled)
        {
            await stdout.WriteLineAsync("memory is off (Memory:Enabled=false): ideation writes without memory").ConfigureAwait(false);
            return 0;
        }
        await using var server = await start().ConfigureAwait(false);
        var context = await server.RecallAsync(channelId, topic, cancellationToken).ConfigureAwait(false);
        if (context.IsEmpty)
        {
            await stdout.WriteLineAsync($"no past videos of channel {channelId}: ideation writes without memory").ConfigureAwait(false);
            return 0;
        }
        foreach (var v in context.Videos)
        {
            await stdout.WriteLineAsync($"{v.Key,-40} {string.Join("; ", v.Reasons),-40} {v.HookStyle,-11} {v.Title}").ConfigureAwait(false);
        }
        await stdout.WriteLineAsync("hook styles: " + string.Join(", ", context.HookStyles.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Style} {s.MeanScore:0.#} ({s.Videos})")))).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Starts the Publish server (as make does) when a command needs its tools.</summary>
    private Func<Task<PerformanceMemoryClient>> Starter(string outDir, string mcpConfig, CancellationToken cancellationToken) =>
        () => PerformanceMemoryClient.StartAsync(mcpConfig, outDir, null, memory, loggerFactory, cancellationToken);
}
