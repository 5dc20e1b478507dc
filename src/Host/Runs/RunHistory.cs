using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Core;
using AiVideo.Core.Json;
using AiVideo.Host.Reports;

namespace AiVideo.Host.Runs;

/// <summary>Past runs, read back from &lt;out&gt;/&lt;runId&gt;/report.json.</summary>
public sealed partial class RunHistory(string outDirectory)
{
    public IReadOnlyList<RunSummary> List(int limit = 20)
    {
        var root = Path.GetFullPath(outDirectory);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateDirectories(root)
            .Where(d => RunIdPattern().IsMatch(Path.GetFileName(d)) && File.Exists(Path.Combine(d, "report.json")))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(d => Read(Path.GetFileName(d)))
            .OfType<RunReport>()
            .Select(RunSummary.From)
            .ToList();
    }

    /// <summary>The report of one run; a malformed or unknown id is an <see cref="InvalidInputException"/>.</summary>
    public RunReport Show(string runId)
    {
        if (!RunIdPattern().IsMatch(runId ?? "")) throw new InvalidInputException($"'{runId}' is not a run id (like 20261125-101500-a1b2c3)");
        return Read(runId!) ?? throw new InvalidInputException($"no run '{runId}' under {Path.GetFullPath(outDirectory)}");
    }

    private RunReport? Read(string runId)
    {
        var path = Path.Combine(Path.GetFullPath(outDirectory), runId, "report.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), AiVideoJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")]
    private static partial Regex RunIdPattern();
}

/// <summary>One line of run history.</summary>
public sealed record RunSummary(string RunId, string Outcome, string Channel, string Title, DateTimeOffset StartedAt, string? Reason, string? Video)
{
    public static RunSummary From(RunReport r) => new(r.RunId, r.Outcome, r.Channel, r.Title, r.StartedAt,
        r.FailedStep is null ? null : $"{r.FailedStep}: {r.Reason}", r.Video);
}
