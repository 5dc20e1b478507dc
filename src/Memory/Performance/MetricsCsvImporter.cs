using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Memory.Performance;

/// <summary>
/// Imports metrics from CSV (header row, any column order, RFC 4180 quoting). Columns:
/// <c>platform, video_id, observed_at, views</c> (required); <c>watch_time_sec, avg_view_pct, likes, shares, comments,
/// follows</c> (default 0); and, to register videos AiVideo did not publish itself, <c>channel, title, hook, posted_at</c>
/// (+ optional <c>topic, hook_style, duration_sec, beats</c> — beats separated by <c>|</c>). Times are ISO 8601.
/// Every bad row is reported with its line number and then nothing is imported (of rows that conflict with metrics
/// already stored, only the first is named); rows identical to one already
/// stored (or earlier in the file) are counted as duplicates and skipped.
/// </summary>
public sealed partial class MetricsCsvImporter(PerformanceLedger ledger)
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["platform", "video_id", "observed_at", "views"];

    public static IReadOnlyList<string> OptionalColumns { get; } =
        ["watch_time_sec", "avg_view_pct", "likes", "shares", "comments", "follows", "channel", "title", "hook", "posted_at", "topic", "hook_style", "duration_sec", "beats"];

    public async Task<MetricsImportReport> ImportAsync(TextReader csv, string source, CancellationToken cancellationToken)
    {
        var records = CsvReader.Read(csv).ToList();
        if (records.Count == 0) return MetricsImportReport.Failed([new(1, "the file is empty: expected a header row")]);
        var (headerLine, header) = records[0];
        var columns = header.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i)).ToList();
        var errors = new List<MetricsImportError>();
        foreach (var dup in columns.GroupBy(c => c.Name).Where(g => g.Count() > 1)) errors.Add(new(headerLine, $"column '{dup.Key}' appears {dup.Count()} times"));
        foreach (var unknown in columns.Where(c => !RequiredColumns.Contains(c.Name) && !OptionalColumns.Contains(c.Name)))
        {
            errors.Add(new(headerLine, $"unknown column '{unknown.Name}' (known: {string.Join(", ", RequiredColumns.Concat(OptionalColumns))})"));
        }
        foreach (var missing in RequiredColumns.Where(r => columns.All(c => c.Name != r))) errors.Add(new(headerLine, $"missing required column '{missing}'"));
        if (errors.Count > 0) return MetricsImportReport.Failed(errors);
        var index = columns.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().i);

        var rows = new List<(int Line, MetricsObservation Metrics, PublishedVideo? Video)>();
        var seen = new Dictionary<(string, string, DateTimeOffset), MetricsObservation>();
        var duplicates = 0;
        foreach (var (line, fields) in records.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new Row(line, fields, index, header.Count);
            var parsed = row.Parse();
            if (row.Errors.Count > 0)
            {
                errors.AddRange(row.Errors);
                continue;
            }
            var (metrics, video) = parsed!.Value;
            var key = (metrics.Platform, metrics.ExternalId, metrics.ObservedAt);
            if (seen.TryGetValue(key, out var earlier))
            {
                if (earlier == metrics) duplicates++;
                else errors.Add(new(line, $"{metrics.Platform}/{metrics.ExternalId} at {metrics.ObservedAt:O} appears earlier in the file with different numbers"));
                continue;
            }
            seen[key] = metrics;
            if (video is null && await ledger.FindVideoAsync(metrics.Platform, metrics.ExternalId, cancellationToken).ConfigureAwait(false) is null
                && !rows.Any(r => r.Video is { } v && v.Platform == metrics.Platform && v.ExternalId == metrics.ExternalId))
            {
                errors.Add(new(line, new UnknownVideoException(metrics.Platform, metrics.ExternalId).Message + " (columns channel, title, hook, posted_at)"));
                continue;
            }
            rows.Add((line, metrics, video));
        }
        if (errors.Count > 0) return MetricsImportReport.Failed(errors);
        try
        {
            var outcomes = await ledger.RecordBatchAsync(rows.Select(r => (r.Metrics, r.Video)).ToList(), source, cancellationToken).ConfigureAwait(false);
            return new MetricsImportReport(outcomes.Count(o => o == MetricsRecordOutcome.Recorded), duplicates + outcomes.Count(o => o == MetricsRecordOutcome.Duplicate), []);
        }
        catch (MetricsBatchException ex)
        {
            return MetricsImportReport.Failed([new(rows[ex.Index].Line, ex.Message)]);
        }
        catch (Exception ex) when (rows.Count == 1 && ex is MetricsConflictException or UnknownVideoException)
        {
            return MetricsImportReport.Failed([new(rows[0].Line, ex.Message)]);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();

    private sealed class Row(int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> index, int width)
    {
        public List<MetricsImportError> Errors { get; } = [];

        public (MetricsObservation, PublishedVideo?)? Parse()
        {
            if (fields.Count != width)
            {
                Errors.Add(new(line, $"has {fields.Count} fields; the header has {width}"));
                return null;
            }
            var platform = Text("platform");
            if (platform is null) Errors.Add(new(line, "platform is empty"));
            else if (!PlatformNames.IsKnown(platform)) Errors.Add(new(line, PlatformNames.UnknownMessage(platform)));
            var videoId = Text("video_id");
            if (videoId is null) Errors.Add(new(line, "video_id is empty"));
            var observedAt = Time("observed_at", required: true);
            var metrics = new MetricsObservation
            {
                Platform = platform ?? "",
                ExternalId = videoId ?? "",
                ObservedAt = observedAt ?? default,
                Views = Count("views", required: true),
                WatchTimeSec = Number("watch_time_sec"),
                AverageViewPercent = Number("avg_view_pct", max: 1000),
                Likes = Count("likes"),
                Shares = Count("shares"),
                Comments = Count("comments"),
                Follows = Count("follows"),
            };
            PublishedVideo? video = null;
            var channel = Text("channel");
            if (channel is not null || Text("title") is not null || Text("hook") is not null)
            {
                var title = Text("title");
                var hook = Text("hook");
                var postedAt = Time("posted_at", required: true);
                if (channel is null) Errors.Add(new(line, "channel is empty (needed with title/hook to register a video)"));
                if (title is null) Errors.Add(new(line, "title is empty (needed to register a video)"));
                if (hook is null) Errors.Add(new(line, "hook is empty (needed to register a video)"));
                var style = Text("hook_style");
                if (style is not null && !HookStyles.IsKnown(style)) Errors.Add(new(line, $"unknown hook_style '{style}' (known: {string.Join(", ", HookStyles.All)})"));
                if (postedAt is { } p && observedAt is { } o && o < p) Errors.Add(new(line, "observed_at is before posted_at"));
                video = new PublishedVideo
                {
                    ChannelId = channel ?? "",
                    Platform = metrics.Platform,
                    ExternalId = metrics.ExternalId,
                    Title = title ?? "",
                    Hook = hook ?? "",
                    Topic = Text("topic") ?? title ?? "",
                    HookStyle = style ?? HookStyles.Classify(hook ?? ""),
                    DurationSec = Number("duration_sec", max: 3600),
                    PostedAt = postedAt ?? default,
                    Beats = Text("beats")?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
                };
            }
            return Errors.Count > 0 ? null : (metrics, video);
        }

        private string? Text(string column) =>
            index.TryGetValue(column, out var i) && fields[i].Trim() is { Length: > 0 } value ? value : null;

        private long Count(string column, bool required = false)
        {
            var text = Text(column);
            if (text is null)
            {
                if (required) Errors.Add(new(line, $"{column} is empty"));
                return 0;
            }
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                Errors.Add(new(line, $"{column} '{text}' is not a whole number ≥ 0"));
                return 0;
            }
            return value;
        }

        private double Number(string column, double max = double.MaxValue)
        {
            var text = Text(column);
            if (text is null) return 0;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > max || !double.IsFinite(value))
            {
                Errors.Add(new(line, $"{column} '{text}' is not a number in 0..{(max == double.MaxValue ? "∞" : max.ToString(CultureInfo.InvariantCulture))}"));
                return 0;
            }
            return value;
        }

        private DateTimeOffset? Time(string column, bool required)
        {
            var text = Text(column);
            if (text is null)
            {
                if (required) Errors.Add(new(line, $"{column} is empty"));
                return null;
            }
            // ISO 8601 only: a "02/03/2026" from a spreadsheet is ambiguous (day or month first), so it is refused, never guessed.
            if (!IsoDate().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                Errors.Add(new(line, $"{column} '{text}' is not an ISO 8601 time (e.g. 2026-11-20T18:00:00Z)"));
                return null;
            }
            return value.ToUniversalTime();
        }
    }
}

/// <summary>One rejected CSV row: its line number in the file and what is wrong.</summary>
public sealed record MetricsImportError(int Line, string Message);

/// <summary>What an import did. With errors, nothing was imported.</summary>
public sealed record MetricsImportReport(int Imported, int Duplicates, IReadOnlyList<MetricsImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static MetricsImportReport Failed(IReadOnlyList<MetricsImportError> errors) => new(0, 0, errors);
}
