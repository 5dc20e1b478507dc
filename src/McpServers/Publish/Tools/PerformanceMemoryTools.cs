using System.ComponentModel;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.Memory.Performance;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Publish.Tools;

/// <summary>
/// The performance memory over MCP: register what a publication said, import and list metrics, and recall what worked
/// on a channel — the same answers the aivideo CLI gets, for any MCP client. Everything lives in the server's publish.db
/// (and the configured vector store); no other process opens that file.
/// </summary>
[McpServerToolType]
public sealed class PerformanceMemoryTools(PerformanceLedger ledger, PerformanceMemory memory, MemoryOptions options, IPublisher publisher, PublishDatabase database,
    ArtifactWorkspace workspace)
{
    public const int MaxCsvCharacters = 16 * 1024 * 1024;
    public const int MaxBatch = 10_000;

    [McpServerTool(Name = "recall_performance", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("What worked on this channel: for a topic, the most similar past videos (topic + hook + beats), the best and worst performers and the mean score per hook style — exactly what ideation receives before writing a script. Empty when the channel has no history or memory is off (Memory:Enabled=false). Only refreshes the search index; stores nothing new.")]
    public async Task<PerformanceContext> RecallPerformance(
        [Description("Channel id")] string channelId,
        [Description("What the next video is about (title, facts), 1..20000 characters")] string topic,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(channelId)) throw new InvalidInputException("channelId is required");
        if (string.IsNullOrWhiteSpace(topic) || topic.Length > 20_000) throw new InvalidInputException("topic must be 1..20000 characters");
        if (!options.Enabled) return PerformanceContext.Empty;
        return await memory.RecallAsync(channelId, topic, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "register_publication", UseStructuredContent = true, Idempotent = true)]
    [Description("Registers what a published video said (title, hook, topic, beats, duration, post time) so the metrics it earns can be learned from. Registering the same platform id again refreshes its details and keeps its metrics.")]
    public async Task<RegisterPublicationToolResult> RegisterPublication(
        [Description("tiktok | youtube_shorts | instagram_reels | webhook")] string platform,
        [Description("The platform's id of the post (externalId of the publish receipt) or the publish idempotency key")] string videoId,
        [Description("Channel id")] string channelId,
        [Description("Post title")] string title,
        [Description("The opening line")] string hook,
        [Description("When it was (or will be) posted (ISO 8601)")] DateTimeOffset postedAt,
        [Description("What the video is about (default: the title)")] string? topic = null,
        [Description("The script's beats, in order")] string[]? beats = null,
        [Description("Video length, seconds")] double durationSec = 0,
        [Description("The AiVideo run that made it")] string? runId = null,
        CancellationToken cancellationToken = default)
    {
        if (!PlatformNames.IsKnown(platform)) throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        if (string.IsNullOrWhiteSpace(videoId)) throw new InvalidInputException("videoId is required");
        if (string.IsNullOrWhiteSpace(channelId) || string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(hook))
        {
            throw new InvalidInputException("channelId, title and hook are required");
        }
        if (durationSec is < 0 or > 3600 || !double.IsFinite(durationSec)) throw new InvalidInputException($"durationSec {durationSec} must be 0..3600");
        var externalId = await PerformanceTools.ResolveExternalIdAsync(ledger, publisher, platform, videoId.Trim(), cancellationToken).ConfigureAwait(false);
        var style = HookStyles.Classify(hook);
        await ledger.RegisterVideoAsync(new PublishedVideo
        {
            ChannelId = channelId, Platform = platform, ExternalId = externalId, RunId = runId, Title = title, Hook = hook,
            Topic = string.IsNullOrWhiteSpace(topic) ? title : topic, Beats = beats ?? [], HookStyle = style,
            DurationSec = Math.Round(durationSec, 2), PostedAt = postedAt.ToUniversalTime(),
        }, cancellationToken).ConfigureAwait(false);
        return new RegisterPublicationToolResult(PerformanceLedger.KeyOf(platform, externalId), style);
    }

    [McpServerTool(Name = "record_performance_batch", UseStructuredContent = true, Idempotent = true)]
    [Description("Records many metric observations of known videos in one transaction: all or none. An observation identical to one stored is counted as a duplicate; different numbers for the same video and moment, or an unknown video, refuse the whole batch naming the observation.")]
    public async Task<RecordPerformanceBatchToolResult> RecordPerformanceBatch(
        [Description("The observations: {platform, externalId, observedAt, views, watchTimeSec?, averageViewPercent?, likes?, shares?, comments?, follows?}")] ObservedMetrics[] observations,
        [Description("Where the numbers come from, e.g. pull:youtube_shorts")] string source = "mcp:record_performance_batch",
        CancellationToken cancellationToken = default)
    {
        if (observations is null || observations.Length is 0 or > MaxBatch) throw new InvalidInputException($"observations must hold 1..{MaxBatch} entries");
        var rows = new List<(MetricsObservation, PublishedVideo?)>(observations.Length);
        for (var i = 0; i < observations.Length; i++)
        {
            var o = observations[i];
            var problem = Problem(o);
            if (problem is not null) throw new InvalidInputException($"observation {i + 1}: {problem}");
            rows.Add((new MetricsObservation
            {
                Platform = o.Platform, ExternalId = o.ExternalId, ObservedAt = o.ObservedAt.ToUniversalTime(), Views = o.Views, WatchTimeSec = o.WatchTimeSec,
                AverageViewPercent = o.AverageViewPercent, Likes = o.Likes, Shares = o.Shares, Comments = o.Comments, Follows = o.Follows,
            }, null));
        }
        try
        {
            var outcomes = await ledger.RecordBatchAsync(rows, string.IsNullOrWhiteSpace(source) ? "mcp:record_performance_batch" : source, cancellationToken).ConfigureAwait(false);
            return new RecordPerformanceBatchToolResult(outcomes.Count(o => o == MetricsRecordOutcome.Recorded), outcomes.Count(o => o == MetricsRecordOutcome.Duplicate));
        }
        catch (MetricsBatchException ex)
        {
            throw new InvalidInputException($"observation {ex.Index + 1}: {ex.Message}; nothing recorded");
        }
        catch (Exception ex) when (ex is UnknownVideoException or MetricsConflictException)
        {
            throw new InvalidInputException($"observation 1: {ex.Message}; nothing recorded");
        }
    }

    [McpServerTool(Name = "import_metrics", UseStructuredContent = true, Idempotent = true)]
    [Description("Imports metrics from CSV (header row, any column order, RFC 4180 quoting, ISO 8601 times): platform, video_id, observed_at, views required; watch_time_sec, avg_view_pct, likes, shares, comments, follows optional; channel, title, hook, posted_at (+ topic, hook_style, duration_sec, beats separated by |) register a video AiVideo did not publish. Every bad row is listed with its line and then nothing is imported; rows already stored count as duplicates.")]
    public async Task<ImportMetricsToolResult> ImportMetrics(
        [Description("The CSV text itself (give this or path)")] string? csv = null,
        [Description("Workspace-relative path of a CSV file (give this or csv)")] string? path = null,
        [Description("Where the rows come from, e.g. csv:export.csv (default: the file name)")] string? source = null,
        CancellationToken cancellationToken = default)
    {
        if ((csv is null) == (path is null)) throw new InvalidInputException("give either csv (the text) or path (a workspace file), not both or neither");
        if (path is not null)
        {
            var file = workspace.ResolveExistingFile(path);
            if (new FileInfo(file).Length > MaxCsvCharacters) throw new InvalidInputException($"'{path}' is over {MaxCsvCharacters} bytes");
            csv = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        if (csv!.Length > MaxCsvCharacters) throw new InvalidInputException($"csv is over {MaxCsvCharacters} characters");
        using var reader = new StringReader(csv);
        var report = await new MetricsCsvImporter(ledger).ImportAsync(reader, source ?? (path is null ? "mcp:import_metrics" : "csv:" + Path.GetFileName(path)), cancellationToken)
            .ConfigureAwait(false);
        return new ImportMetricsToolResult(report.Imported, report.Duplicates, report.Errors.Select(e => new ImportRowError(e.Line, e.Message)).ToList(), database.Path);
    }

    [McpServerTool(Name = "list_performance", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Lists a channel's registered videos (optionally one platform) with their newest metrics and score, newest post first.")]
    public async Task<IReadOnlyList<PerformanceVideoToolResult>> ListPerformance(
        [Description("Channel id")] string channelId,
        [Description("Only this platform")] string? platform = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(channelId)) throw new InvalidInputException("channelId is required");
        if (platform is not null && !PlatformNames.IsKnown(platform)) throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        var videos = await ledger.ListAsync(channelId, platform, cancellationToken).ConfigureAwait(false);
        return videos.Select(v => new PerformanceVideoToolResult(
            v.Key, v.Video.Platform, v.Video.ExternalId, v.Video.ChannelId, v.Video.RunId, v.Video.Title, v.Video.Hook, v.Video.Topic, v.Video.Beats,
            v.Video.HookStyle, v.Video.DurationSec, v.Video.PostedAt,
            v.Latest is { } m ? new ObservedMetrics(m.Platform, m.ExternalId, m.ObservedAt, m.Views, m.WatchTimeSec, m.AverageViewPercent, m.Likes, m.Shares, m.Comments, m.Follows) : null,
            v.Score)).ToList();
    }

    private static string? Problem(ObservedMetrics o)
    {
        if (o is null) return "missing";
        if (!PlatformNames.IsKnown(o.Platform)) return PlatformNames.UnknownMessage(o.Platform);
        if (string.IsNullOrWhiteSpace(o.ExternalId)) return "externalId is required";
        if (o.Views < 0 || o.Likes < 0 || o.Shares < 0 || o.Comments < 0 || o.Follows < 0 || o.WatchTimeSec < 0 || !double.IsFinite(o.WatchTimeSec)) return "metrics must be ≥ 0";
        if (o.AverageViewPercent is < 0 or > 1000 || !double.IsFinite(o.AverageViewPercent)) return $"averageViewPercent {o.AverageViewPercent} must be 0..1000";
        return null;
    }
}
