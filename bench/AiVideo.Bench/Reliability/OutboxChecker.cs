using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiVideo.Core.Domain;

namespace AiVideo.Bench.Reliability;

/// <summary>What the checker expects of every post of the benchmark channel.</summary>
public sealed record CheckExpectations(VideoSize Size, IReadOnlyList<string> BrandWords, IReadOnlyList<string> BannedWords, int ChannelSeed);

/// <summary>A problem with a live post: its class (file, format, av, loudness, captions, drift, brand, banned, limits) and what was found.</summary>
public sealed record PostProblem(string Class, string Detail)
{
    public override string ToString() => $"{Class}: {Detail}";
}

/// <summary>One live post in the outbox, the run it belongs to (null: none found), whether its run's report lists it as live.</summary>
public sealed record CheckedPost(string Platform, string Location, string IdempotencyKey, string? RunId, bool Orphan, IReadOnlyList<PostProblem> Problems)
{
    public bool Invalid => Problems.Count > 0;
}

/// <summary>A run as its report.json tells it.</summary>
public sealed record ReportedRun(string RunId, string Outcome, string? FailedStep, string? Reason, IReadOnlyList<string> LivePlatforms);

/// <summary>The re-check of an out directory: every run's report and every live post in its outbox.</summary>
public sealed record OutboxCheck(IReadOnlyList<ReportedRun> Runs, IReadOnlyList<CheckedPost> Posts, int Duplicates, IReadOnlyList<string> ReportedButAbsent)
{
    public int Invalid => Posts.Count(p => p.Invalid);
    public int Orphans => Posts.Count(p => p.Orphan);
}

/// <summary>
/// The independent re-check of <c>bench reliability</c>: walks <c>&lt;out&gt;/published/&lt;platform&gt;/*</c> (every post
/// that is live, whatever its run's outcome), finds each post's run (its idempotency key in a report's live/publish
/// lists, else its video's hash against the runs' final videos), and checks it with its own ffprobe/ffmpeg calls and
/// its own thresholds (<see cref="CheckThresholds"/>): the file is the run's final video, codecs/size/duration, audio
/// vs video length, integrated loudness, burned-in captions (the run's .ass against the narration's word timings),
/// drift (hue histogram vs the channel's reference picture), brand spelling and banned words in the published text,
/// platform limits. Orphans: live posts their run's report does not list as live. Duplicates: more than one live
/// post per run and platform. It never calls the product's gates, MCP tools or Media code.
/// </summary>
public sealed class OutboxChecker(CheckExpectations expected, int concurrency = 2)
{
    public async Task<OutboxCheck> CheckAsync(string outDir, string workspaceRoot, CancellationToken cancellationToken)
    {
        var reports = LoadReports(outDir);
        var keyToRun = new Dictionary<string, string>(StringComparer.Ordinal);
        var liveKeys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (runId, report) in reports)
        {
            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in Array(report, "live"))
            {
                if (Str(entry, "idempotencyKey") is { } key) { keyToRun[key] = runId; live.Add(key); }
            }
            foreach (var entry in Array(report, "publish"))
            {
                if (Str(entry, "idempotencyKey") is { } key) keyToRun.TryAdd(key, runId);
            }
            liveKeys[runId] = live;
        }
        var finalHashes = FinalVideoHashes(outDir, workspaceRoot, reports.Keys);

        var posts = new ConcurrentBag<CheckedPost>();
        var entries = PostDirectories(outDir);
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            var (platform, dir) = entry;
            var metadata = ReadJson(Path.Combine(dir, "metadata.json"));
            var key = metadata is null ? "" : Str(metadata, "idempotencyKey") ?? "";
            var video = Path.Combine(dir, "video.mp4");
            var sha = File.Exists(video) ? Sha256(video) : null;
            var runId = keyToRun.GetValueOrDefault(key) ?? (sha is null ? null : finalHashes.GetValueOrDefault(sha));
            var orphan = runId is null || !liveKeys.TryGetValue(runId, out var live) || !live.Contains(key);
            IReadOnlyList<PostProblem> problems;
            try
            {
                problems = await CheckPostAsync(platform, dir, metadata, sha, runId, runId is null ? null : reports.GetValueOrDefault(runId), finalHashes, workspaceRoot, ct)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or TimeoutException or IOException)
            {
                // A file ffmpeg cannot decode (or that hangs it) is a broken post, not a broken benchmark.
                problems = [new PostProblem("file", $"could not be checked: {ex.Message}")];
            }
            posts.Add(new CheckedPost(platform, dir, key, runId, orphan, problems));
        }).ConfigureAwait(false);

        var ordered = posts.OrderBy(p => p.Location, StringComparer.Ordinal).ToList();
        var duplicates = ordered.GroupBy(p => (p.RunId ?? "?" + p.Location, p.Platform)).Sum(g => g.Count() - 1);
        var present = ordered.Select(p => p.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var absent = liveKeys.SelectMany(kv => kv.Value.Where(k => !present.Contains(k)).Select(k => $"{kv.Key}:{k[..Math.Min(12, k.Length)]}")).Order(StringComparer.Ordinal).ToList();
        var runs = reports.Select(kv => new ReportedRun(kv.Key, Str(kv.Value, "outcome") ?? "?", Str(kv.Value, "failedStep"), Str(kv.Value, "reason"),
                Array(kv.Value, "live").Select(l => Str(l, "platform") ?? "?").Order(StringComparer.Ordinal).ToList()))
            .OrderBy(r => r.RunId, StringComparer.Ordinal).ToList();
        return new OutboxCheck(runs, ordered, duplicates, absent);
    }

    private async Task<IReadOnlyList<PostProblem>> CheckPostAsync(string platform, string dir, JsonNode? metadata, string? sha, string? runId, JsonNode? report,
        IReadOnlyDictionary<string, string> finalHashes, string workspaceRoot, CancellationToken cancellationToken)
    {
        var problems = new List<PostProblem>();
        void Add(string cls, string detail) => problems.Add(new PostProblem(cls, detail));
        var video = Path.Combine(dir, "video.mp4");
        if (metadata is null) Add("file", "no metadata.json");
        if (sha is null || new FileInfo(video).Length == 0) { Add("file", "video.mp4 is missing or empty"); return problems; }
        if (metadata is not null && Str(metadata, "videoSha256") is { } declared && !string.Equals(declared, sha, StringComparison.OrdinalIgnoreCase))
        {
            Add("file", "video.mp4 does not match the sha256 in its metadata");
        }
        if (runId is null) Add("file", "the video is no run's final video");
        else if (!finalHashes.Any(kv => kv.Value == runId && kv.Key == sha)) Add("file", $"not the final video of run {runId}");

        ProbedFile? probe = null;
        try
        {
            probe = await MediaFacts.ProbeAsync(video, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            Add("format", $"unreadable: {ex.Message}");
        }
        var rule = CheckThresholds.Rule(platform);
        if (probe is not null)
        {
            if (probe.VideoCodec != CheckThresholds.VideoCodec || probe.AudioCodec != CheckThresholds.AudioCodec || probe.PixelFormat != CheckThresholds.PixelFormat)
            {
                Add("format", $"{probe.VideoCodec ?? "no video"}/{probe.AudioCodec ?? "no audio"}/{probe.PixelFormat ?? "?"}");
            }
            if (probe.Width != expected.Size.Width || probe.Height != expected.Size.Height) Add("format", $"{probe.Width}x{probe.Height}, expected {expected.Size}");
            if (probe.AudioSec is not { } a || probe.VideoSec is not { } v || Math.Abs(a - v) > CheckThresholds.AvToleranceSec)
            {
                Add("av", $"audio {Fmt(probe.AudioSec)} s vs video {Fmt(probe.VideoSec)} s");
            }
            var length = probe.FormatSec ?? probe.VideoSec ?? 0;
            if (rule is not null && (length < rule.MinSec || length > rule.MaxSec)) Add("limits", $"{length:0.0} s is outside {platform}'s {rule.MinSec:0}..{rule.MaxSec:0} s");
            if (probe.AudioCodec is not null)
            {
                try
                {
                    var level = await MediaFacts.LoudnessAsync(video, cancellationToken).ConfigureAwait(false);
                    if (level.IntegratedLufs is < CheckThresholds.MinLufs or > CheckThresholds.MaxLufs)
                    {
                        Add("loudness", $"{level.IntegratedLufs:0.0} LUFS outside {CheckThresholds.MinLufs}..{CheckThresholds.MaxLufs}");
                    }
                    if (level.TruePeakDbtp > CheckThresholds.MaxTruePeak) Add("loudness", $"peak {level.TruePeakDbtp:0.0} dBTP > {CheckThresholds.MaxTruePeak}");
                }
                catch (InvalidDataException ex)
                {
                    Add("loudness", ex.Message);
                }
            }
            if (probe.VideoCodec is not null && ReferencePicture(workspaceRoot) is { } reference)
            {
                var seen = await MediaFacts.HueSignatureAsync(video, cancellationToken).ConfigureAwait(false);
                var wanted = await ReferenceSignatureAsync(reference, cancellationToken).ConfigureAwait(false);
                var shared = MediaFacts.Intersection(seen, wanted);
                if (shared < CheckThresholds.MinHueIntersection) Add("drift", $"hue histogram shares {shared:0.00} with the channel reference (< {CheckThresholds.MinHueIntersection})");
            }
        }

        // Captions: the run's .ass (what assembly burned in) against the narration's word timings.
        var published = new List<string>();
        if (runId is not null)
        {
            var runDir = Path.Combine(workspaceRoot, "runs", runId);
            var ass = Directory.Exists(runDir) ? Directory.GetFiles(runDir, "*.ass").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault() : null;
            var words = NarrationWords(runDir);
            if (ass is null) Add("captions", "the run has no .ass captions");
            else
            {
                var events = AssCaptions.Parse(await File.ReadAllTextAsync(ass, cancellationToken).ConfigureAwait(false));
                published.AddRange(events.Select(e => e.Text));
                if (words is null) Add("captions", "no narration timings to compare the captions with");
                else foreach (var p in AssCaptions.Compare(events, words, probe?.VideoSec, probe?.AudioSec)) Add("captions", p);
            }
            if (report is not null && report["script"] is JsonObject script)
            {
                published.Add(Str(script, "hook") ?? "");
                published.AddRange(Array(script, "beats").Select(b => Str(b, "text") ?? ""));
                published.Add(Str(script, "cta") ?? "");
            }
        }

        if (metadata is not null)
        {
            var title = Str(metadata, "title") ?? "";
            var caption = Str(metadata, "caption") ?? "";
            var hashtags = Array(metadata, "hashtags").Select(h => h?.GetValue<string>() ?? "").ToList();
            published.Add(title);
            published.Add(caption);
            published.AddRange(hashtags);
            if (rule is not null)
            {
                if (title.Length == 0 || title.Length > rule.MaxTitle) Add("limits", $"title of {title.Length} characters (1..{rule.MaxTitle})");
                if (caption.Length > rule.MaxCaption) Add("limits", $"caption of {caption.Length} characters (> {rule.MaxCaption})");
                if (hashtags.Count > rule.MaxHashtags) Add("limits", $"{hashtags.Count} hashtags (> {rule.MaxHashtags})");
            }
            else Add("limits", $"unknown platform '{platform}'");
        }
        var text = string.Join("\n", published);
        foreach (var wrong in TextChecks.Misspelled(text, expected.BrandWords).Distinct(StringComparer.Ordinal)) Add("brand", $"'{wrong}' is not how the brand is spelled");
        foreach (var banned in TextChecks.Banned(text, expected.BannedWords)) Add("banned", $"'{banned}' is published");
        return problems;
    }

    /// <summary>The narration words of a run: the latest voice result the run recorded in its workspace.</summary>
    internal static IReadOnlyList<TimedWord>? NarrationWords(string runDir)
    {
        if (!Directory.Exists(runDir)) return null;
        var file = Directory.GetFiles(runDir, "narration*.json").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault();
        if (file is null || ReadJson(file)?["result"]?["words"] is not JsonArray words) return null;
        return words.Where(w => w is not null).Select(w => new TimedWord(Str(w!, "word") ?? "", (w!["startMs"]?.GetValue<double>() ?? 0) / 1000, (w["endMs"]?.GetValue<double>() ?? 0) / 1000)).ToList();
    }

    private readonly Lock _referenceLock = new();
    private Task<double[]>? _reference;

    /// <summary>The reference picture's signature, computed once per check.</summary>
    private Task<double[]> ReferenceSignatureAsync(string path, CancellationToken cancellationToken)
    {
        lock (_referenceLock) return _reference ??= MediaFacts.HueSignatureAsync(path, cancellationToken);
    }

    private string? ReferencePicture(string workspaceRoot)
    {
        var dir = Path.Combine(workspaceRoot, "references");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, $"*seed{expected.ChannelSeed}.png").Order(StringComparer.Ordinal).FirstOrDefault() : null;
    }

    private static Dictionary<string, JsonNode> LoadReports(string outDir)
    {
        var reports = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (!Directory.Exists(outDir)) return reports;
        foreach (var dir in Directory.GetDirectories(outDir))
        {
            if (ReadJson(Path.Combine(dir, "report.json")) is { } report) reports[Str(report, "runId") ?? Path.GetFileName(dir)] = report;
        }
        return reports;
    }

    /// <summary>sha256 → run id of every final video a run left (out/&lt;run&gt;/final.mp4, or the workspace's assembled one).</summary>
    private static Dictionary<string, string> FinalVideoHashes(string outDir, string workspaceRoot, IEnumerable<string> runIds)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ids = runIds.ToHashSet(StringComparer.Ordinal);
        var wsRuns = Path.Combine(workspaceRoot, "runs");
        if (Directory.Exists(wsRuns)) ids.UnionWith(Directory.GetDirectories(wsRuns).Select(Path.GetFileName)!);
        foreach (var id in ids)
        {
            foreach (var path in new[] { Path.Combine(outDir, id, "final.mp4"), Path.Combine(wsRuns, id, "final.mp4") })
            {
                if (File.Exists(path) && new FileInfo(path).Length > 0) map.TryAdd(Sha256(path), id);
            }
        }
        return map;
    }

    /// <summary>Every post directory of the outbox (staging left out).</summary>
    internal static IReadOnlyList<(string Platform, string Directory)> PostDirectories(string outDir)
    {
        var root = Path.Combine(outDir, "published");
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root).Where(p => !Path.GetFileName(p).StartsWith('.'))
            .SelectMany(p => Directory.GetDirectories(p).Select(d => (Path.GetFileName(p), d)))
            .OrderBy(x => x.d, StringComparer.Ordinal).ToList();
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonNode node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<JsonNode> Array(JsonNode node, string name) =>
        node[name] is JsonArray a ? a.Where(x => x is not null).Select(x => x!) : [];

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "none";
}
