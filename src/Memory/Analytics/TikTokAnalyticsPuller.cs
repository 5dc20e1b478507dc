using System.Text;
using System.Text.Json;
using AiVideo.Memory.Performance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Memory.Analytics;

/// <summary>
/// Reads per-video metrics from TikTok's Display API video query (<c>POST /v2/video/query/</c>, at most
/// <see cref="MaxVideosPerRequest"/> ids per request): views, likes, comments and shares. The video query returns no
/// watch time, average view percentage or follows, so <see cref="MetricsObservation.WatchTimeSec"/>,
/// <see cref="MetricsObservation.AverageViewPercent"/> and <see cref="MetricsObservation.Follows"/> are always 0 here.
/// Ids TikTok does not return (unknown, deleted, or not the token owner's) are left out. An <c>error.code</c> other than
/// <c>ok</c>, even with HTTP 200, is an <see cref="AnalyticsApiException"/>. The caller owns the <see cref="HttpClient"/>.
/// </summary>
public sealed class TikTokAnalyticsPuller : IAnalyticsPuller
{
    /// <summary>The most video ids one video query may filter on.</summary>
    public const int MaxVideosPerRequest = 20;

    private const string Fields = "id,title,create_time,duration,view_count,like_count,comment_count,share_count";

    private readonly string _queryUrl;
    private readonly TimeProvider _time;
    private readonly AnalyticsHttpSender _sender;

    /// <summary>A puller over <paramref name="http"/> (not disposed here); throws <see cref="ArgumentException"/> when the options are not usable.</summary>
    public TikTokAnalyticsPuller(HttpClient http, TikTokAnalyticsOptions options, TimeProvider? time = null, ILogger<TikTokAnalyticsPuller>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _queryUrl = AnalyticsBaseUrl.Normalize(options.BaseUrl) + "/v2/video/query/?fields=" + Fields;
        _time = time ?? TimeProvider.System;
        _sender = new AnalyticsHttpSender(http, Platform, options.AccessToken, options.RetrySettings, _time, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public string Platform => "tiktok";

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetricsObservation>> PullAsync(IReadOnlyList<PublishedVideo> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var ids = videos.Select(v => v.ExternalId).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();

        var observations = new List<MetricsObservation>();
        foreach (var batch in ids.Chunk(MaxVideosPerRequest))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var body = JsonSerializer.Serialize(new VideoQueryRequest(new VideoQueryFilters(batch)), TikTokJsonContext.Default.VideoQueryRequest);
            var response = await _sender.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, _queryUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
                cancellationToken).ConfigureAwait(false);
            observations.AddRange(ReadVideos(response, batch.ToHashSet(StringComparer.Ordinal), _time.GetUtcNow()));
        }
        return observations;
    }

    private List<MetricsObservation> ReadVideos(AnalyticsHttpResponse response, HashSet<string> requested, DateTimeOffset observedAt)
    {
        using var document = AnalyticsJson.TryParse(response.Body);
        var root = document?.RootElement ?? default;
        var error = AnalyticsJson.Property(root, "error");
        var code = AnalyticsJson.Property(error, "code") is { ValueKind: JsonValueKind.String } c ? c.GetString() : null;
        if (!response.IsSuccess || (code is not null && !string.Equals(code, "ok", StringComparison.OrdinalIgnoreCase)))
        {
            throw ErrorOf(response, error, code);
        }
        if (document is null)
        {
            throw new AnalyticsApiException(Platform, response.StatusCode, _sender.Scrub($"response is not JSON: {AnalyticsJson.Snippet(response.Body)}"));
        }

        var observations = new List<MetricsObservation>();
        var list = AnalyticsJson.Property(AnalyticsJson.Property(root, "data"), "videos");
        if (list.ValueKind != JsonValueKind.Array) return observations;
        foreach (var video in list.EnumerateArray())
        {
            if (AnalyticsJson.ReadId(AnalyticsJson.Property(video, "id")) is not { } id || !requested.Contains(id)) continue;
            observations.Add(new MetricsObservation
            {
                Platform = Platform,
                ExternalId = id,
                ObservedAt = observedAt,
                Views = AnalyticsJson.ReadLong(AnalyticsJson.Property(video, "view_count")),
                Likes = AnalyticsJson.ReadLong(AnalyticsJson.Property(video, "like_count")),
                Comments = AnalyticsJson.ReadLong(AnalyticsJson.Property(video, "comment_count")),
                Shares = AnalyticsJson.ReadLong(AnalyticsJson.Property(video, "share_count")),
            });
        }
        return observations;
    }

    /// <summary>TikTok's error (<c>{"error":{"code","message","log_id"}}</c>) as an exception, the token masked.</summary>
    private AnalyticsApiException ErrorOf(AnalyticsHttpResponse response, JsonElement error, string? code)
    {
        var message = AnalyticsJson.Property(error, "message") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
        var logId = AnalyticsJson.Property(error, "log_id") is { ValueKind: JsonValueKind.String } l ? l.GetString() : null;
        var text = (code, message) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{code}: {message}",
            ({ Length: > 0 }, _) => code,
            (_, { Length: > 0 }) => message,
            _ when string.IsNullOrWhiteSpace(response.Body) => "request failed with no error details",
            _ => $"request failed: {AnalyticsJson.Snippet(response.Body)}",
        };
        if (!string.IsNullOrEmpty(logId)) text += $" [log_id {logId}]";
        return new AnalyticsApiException(Platform, response.StatusCode, _sender.Scrub(text!));
    }
}
