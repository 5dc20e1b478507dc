using System.CommandLine;
using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Domain;
using AiVideo.Host.Memory;
using AiVideo.Memory.Analytics;
using AiVideo.Memory.Performance;
using Microsoft.Extensions.Configuration;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo metrics import FILE.csv</c>, <c>aivideo metrics pull --platform P --channel ID</c>,
/// <c>aivideo metrics list --channel ID</c> and <c>aivideo memory recall --channel ID --topic TEXT</c>: performance in
/// and out of &lt;out&gt;/aivideo.db. Exit 0 done, 1 an API refused, 2 bad input (nothing imported).
/// </summary>
public sealed class MetricsCommand(TextWriter stdout, TextWriter stderr, PerformanceMemoryFactory memory, Func<IConfiguration> configuration, TimeProvider time,
    Func<HttpClient>? httpClientFactory = null)
{
    /// <summary>The <c>metrics</c> and <c>memory</c> commands; <paramref name="create"/> is called only when one runs.</summary>
    public static IEnumerable<Command> Commands(Func<MetricsCommand> create)
    {
        Option<string?> Out() => CliOptions.Text("--out", "DIR", "the output folder holding aivideo.db (default out)");
        Option<string?> Channel() => CliOptions.Text("--channel", "ID", "the channel id");
        Command Verb(string name, string description, Func<MetricsCommand, ParseResult, string, CancellationToken, Task<int>> run, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                if (symbol is Option option) command.Add(option);
                else command.Add((Argument)symbol);
            }
            var outOption = Out();
            command.Add(outOption);
            command.SetAction((result, ct) => run(create(), result, result.GetValue(outOption) ?? "out", ct));
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
        yield return new Command("metrics", "performance in and out of <out>/aivideo.db")
        {
            Verb("import", "record metrics from a CSV file; bad rows are listed by line and nothing is imported",
                (c, r, outDir, ct) => c.ImportAsync(r.GetValue(file)!, outDir, ct), file),
            Verb("pull", "pull metrics of the channel's published videos from the analytics APIs",
                (c, r, outDir, ct) => c.PullAsync(r.GetValue(pullPlatform)!, r.GetValue(pullChannel)!, outDir, ct), pullPlatform, pullChannel),
            Verb("list", "the channel's videos with their latest metrics and score",
                (c, r, outDir, ct) => c.ListAsync(r.GetValue(listChannel)!, r.GetValue(listPlatform), outDir, ct), listChannel, listPlatform),
        };

        var recallChannel = Channel();
        recallChannel.Required = true;
        var topic = CliOptions.Text("--topic", "TEXT", "the topic ideation would write about");
        topic.Required = true;
        yield return new Command("memory", "the performance memory")
        {
            Verb("recall", "what ideation would be given for a topic",
                (c, r, outDir, ct) => c.RecallAsync(r.GetValue(recallChannel)!, r.GetValue(topic)!, outDir, ct), recallChannel, topic),
        };
    }

    private async Task<int> ImportAsync(string file, string outDir, CancellationToken cancellationToken)
    {
        if (!File.Exists(file)) throw new InvalidInputException($"CSV file '{file}' does not exist");
        using var reader = new StreamReader(file);
        var ledger = memory.Ledger(outDir);
        var report = await new MetricsCsvImporter(ledger).ImportAsync(reader, "csv:" + Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            foreach (var error in report.Errors) await stderr.WriteLineAsync($"{file}:{error.Line}: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync($"nothing imported: {report.Errors.Count} bad row(s); fix them and import the file again").ConfigureAwait(false);
            return 2;
        }
        await stdout.WriteLineAsync($"imported {report.Imported} observation(s), skipped {report.Duplicates} duplicate(s) into {ledger.DatabasePath}").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> PullAsync(string platform, string channelId, string outDir, CancellationToken cancellationToken)
    {
        var ledger = memory.Ledger(outDir);
        var videos = (await ledger.ListAsync(channelId, platform, cancellationToken).ConfigureAwait(false)).Select(v => v.Video).ToList();
        if (videos.Count == 0)
        {
            await stdout.WriteLineAsync($"no {platform} videos of channel {channelId} in {ledger.DatabasePath}").ConfigureAwait(false);
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
        var outcomes = await ledger.RecordBatchAsync(observations.Select(o => (o, (PublishedVideo?)null)).ToList(), "pull:" + platform, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"pulled {observations.Count} of {videos.Count} video(s) from {platform}: {outcomes.Count(o => o == MetricsRecordOutcome.Recorded)} recorded").ConfigureAwait(false);
        return 0;
    }

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

    private async Task<int> ListAsync(string channelId, string? platform, string outDir, CancellationToken cancellationToken)
    {
        var videos = await memory.Ledger(outDir).ListAsync(channelId, platform, cancellationToken).ConfigureAwait(false);
        if (videos.Count == 0) await stdout.WriteLineAsync($"no videos of channel {channelId}").ConfigureAwait(false);
        foreach (var v in videos)
        {
            var numbers = v.Latest is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.Views,9} views {m.AverageViewPercent,5:0.#}%  score {v.Score,9:0.#}  at {m.ObservedAt:yyyy-MM-dd}") : "no metrics yet";
            await stdout.WriteLineAsync($"{v.Video.PostedAt:yyyy-MM-dd}  {v.Key,-40} {v.Video.HookStyle,-11} {numbers}  {v.Video.Title}").ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<int> RecallAsync(string channelId, string topic, string outDir, CancellationToken cancellationToken)
    {
        var context = await memory.Open(outDir).RecallAsync(channelId, topic, cancellationToken).ConfigureAwait(false);
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
}
