using System.Text.Json.Serialization;

namespace AiVideo.Contracts;

// Arguments and results of the Publish server's performance tools (record_performance, record_performance_batch,
// register_publication, import_metrics, list_performance). recall_performance returns PerformanceContext.

/// <summary>What record_performance stored: the video's key, whether it was a duplicate, how many observations it now has, and the score of these numbers.</summary>
public sealed record RecordPerformanceToolResult(string VideoKey, bool Duplicate, int Observations, double Score);

/// <summary>
/// What one published video had earned at one moment (cumulative numbers). <see cref="AverageViewPercent"/> is 0..1000
/// (re-watches can exceed 100). An argument of record_performance_batch and part of list_performance's answer.
/// </summary>
public sealed record ObservedMetrics(
    string Platform,
    string ExternalId,
    DateTimeOffset ObservedAt,
    long Views,
    double WatchTimeSec = 0,
    double AverageViewPercent = 0,
    long Likes = 0,
    long Shares = 0,
    long Comments = 0,
    long Follows = 0);

/// <summary>What record_performance_batch stored: all observations or none.</summary>
public sealed record RecordPerformanceBatchToolResult(int Recorded, int Duplicates);

/// <summary>What register_publication stored: the video's key and the hook style its hook was classified as.</summary>
public sealed record RegisterPublicationToolResult(string VideoKey, string HookStyle);

/// <summary>One rejected CSV row: its line number and what is wrong.</summary>
public sealed record ImportRowError(int Line, string Message);

/// <summary>What import_metrics did. With errors, nothing was imported. <see cref="Store"/> names where the rows went.</summary>
public sealed record ImportMetricsToolResult(int Imported, int Duplicates, IReadOnlyList<ImportRowError> Errors, string Store)
{
    [JsonIgnore]
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>One video of list_performance: what it said and its newest metrics (none yet when <see cref="Latest"/> is null).</summary>
public sealed record PerformanceVideoToolResult(
    string Key,
    string Platform,
    string ExternalId,
    string ChannelId,
    string? RunId,
    string Title,
    string Hook,
    string Topic,
    IReadOnlyList<string> Beats,
    string HookStyle,
    double DurationSec,
    DateTimeOffset PostedAt,
    ObservedMetrics? Latest,
    double? Score);
