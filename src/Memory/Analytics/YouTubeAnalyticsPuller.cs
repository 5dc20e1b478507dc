using System.Globalization;
using System.Text;
using System.Text.Json;
using AiVideo.Memory.Performance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Memory.Analytics;

/// <summary>
/// Reads per-video metrics from the YouTube Analytics Reports API (<c>GET /v2/reports</c>, <c>dimensions=video</c>,
/// filtered to the given ids, at most <see cref="MaxVideosPerRequest"/> ids per request) from the earliest post date
/// to today (UTC). Columns are mapped by name from the response's <c>columnHeaders</c>; estimated minutes watched become
/// <see cref="MetricsObservation.WatchTimeSec"/> (×60) and subscribers gained become <see cref="MetricsObservation.Follows"/>.
/// Videos with no data in the report are left out. The caller owns the <see cref="HttpClient"/>.
/// </summary>
public sealed class YouTubeAnalyticsPuller : IAnalyticsPuller
{
    /// <summary>The most video ids one report request filters on (the API's <c>maxResults</c> cap for video reports).</summary>
    public const int MaxVideosPerRequest = 200;

    private const string Metrics = "views,estimatedMinutesWatched,averageViewPercentage,likes,shares,comments,subscribersGained";

    private readonly string _baseUrl;
    private readonly string _channelId;
    private readonly TimeProvider _time;
    private readonly AnalyticsHttpSender _sender;

    /// <summary>A puller over <paramref name="http"/> (not disposed here); throws <see cref="ArgumentException"/> when the options are not usable.</summary>
    public YouTubeAnalyticsPuller(HttpClient http, YouTubeAnalyticsOptions options, TimeProvider? time = null, ILogger<YouTubeAnalyticsPuller>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _baseUrl = AnalyticsBaseUrl.Normalize(options.BaseUrl);
        _channelId = options.ChannelId.Trim();
        _time = time ?? TimeProvider.System;
        _sender = new AnalyticsHttpSender(http, Platform, options.AccessToken, options.RetrySettings, _time, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public string Platform => "youtube_shorts";

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetricsObservation>> PullAsync(IReadOnlyList<PublishedVideo> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var earliestPost = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var video in videos)
        {
            if (string.IsNullOrWhiteSpace(video.ExternalId)) continue;
            earliestPost[video.ExternalId] = earliestPost.TryGetValue(video.ExternalId, out var seen) && seen < video.PostedAt ? seen : video.PostedAt;
        }

        var observations = new List<MetricsObservation>();
        foreach (var batch in earliestPost.Chunk(MaxVideosPerRequest))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
            var start = DateOnly.FromDateTime(batch.Min(v => v.Value).UtcDateTime);
            if (start > today) start = today;
            var ids = batch.Select(v => v.Key).ToList();
            var url = ReportUrl(ids, start, today);
            var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess) throw ErrorOf(response);
            observations.AddRange(ReadReport(response, ids.ToHashSet(StringComparer.Ordinal), _time.GetUtcNow()));
        }
        return observations;
    }

    private string ReportUrl(IReadOnlyList<string> ids, DateOnly start, DateOnly end)
    {
        var url = new StringBuilder(_baseUrl).Append("/v2/reports");
        url.Append("?ids=").Append(Uri.EscapeDataString($"channel=={_channelId}"));
        url.Append("&startDate=").Append(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        url.Append("&endDate=").Append(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        url.Append("&metrics=").Append(Uri.EscapeDataString(Metrics));
        url.Append("&dimensions=video");
        url.Append("&filters=").Append(Uri.EscapeDataString("video==" + string.Join(',', ids)));
        url.Append("&maxResults=").Append(MaxVideosPerRequest.ToString(CultureInfo.InvariantCulture));
        return url.ToString();
    }

    private List<MetricsObservation> ReadReport(AnalyticsHttpResponse response, HashSet<string> requested, DateTimeOffset observedAt)
    {
        using var document = AnalyticsJson.TryParse(response.Body)
            ?? throw new AnalyticsApiException(Platform, response.StatusCode, _sender.Scrub($"report is not JSON: {AnalyticsJson.Snippet(response.Body)}"));
        var root = document.RootElement;
        var rows = AnalyticsJson.Property(root, "rows");
        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0) return [];

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = AnalyticsJson.Property(root, "columnHeaders");
        if (headers.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var header in headers.EnumerateArray())
            {
                if (AnalyticsJson.Property(header, "name") is { ValueKind: JsonValueKind.String } name) columns.TryAdd(name.GetString()!, index);
                index++;
            }
        }
        if (!columns.TryGetValue("video", out var videoColumn))
        {
            throw new AnalyticsApiException(Platform, response.StatusCode, "report has rows but no 'video' column in columnHeaders");
        }

        var observations = new List<MetricsObservation>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) continue;
            if (AnalyticsJson.ReadId(Cell(row, videoColumn)) is not { } id || !requested.Contains(id)) continue;
            observations.Add(new MetricsObservation
            {
                Platform = Platform,
                ExternalId = id,
                ObservedAt = observedAt,
                Views = AnalyticsJson.ReadLong(Cell(row, columns, "views")),
                WatchTimeSec = AnalyticsJson.ReadDouble(Cell(row, columns, "estimatedMinutesWatched")) * 60,
                AverageViewPercent = AnalyticsJson.ReadDouble(Cell(row, columns, "averageViewPercentage")),
                Likes = AnalyticsJson.ReadLong(Cell(row, columns, "likes")),
                Shares = AnalyticsJson.ReadLong(Cell(row, columns, "shares")),
                Comments = AnalyticsJson.ReadLong(Cell(row, columns, "comments")),
                Follows = AnalyticsJson.ReadLong(Cell(row, columns, "subscribersGained")),
            });
        }
        return observations;
    }

    private static JsonElement Cell(JsonElement row, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var index) ? Cell(row, index) : default;

    private static JsonElement Cell(JsonElement row, int index) => index < row.GetArrayLength() ? row[index] : default;

    /// <summary>Google's error (<c>{"error":{"code","message","status"}}</c>) as an exception, the token masked.</summary>
    private AnalyticsApiException ErrorOf(AnalyticsHttpResponse response)
    {
        using var document = AnalyticsJson.TryParse(response.Body);
        var error = document is null ? default : AnalyticsJson.Property(document.RootElement, "error");
        var message = AnalyticsJson.Property(error, "message") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
        var status = AnalyticsJson.Property(error, "status") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
        var text = (status, message) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{status}: {message}",
            (_, { Length: > 0 }) => message,
            ({ Length: > 0 }, _) => status,
            _ when string.IsNullOrWhiteSpace(response.Body) => "request failed with no error details",
            _ => $"request failed: {AnalyticsJson.Snippet(response.Body)}",
        };
        return new AnalyticsApiException(Platform, response.StatusCode, _sender.Scrub(text));
    }
}
