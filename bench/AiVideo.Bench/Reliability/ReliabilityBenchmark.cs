using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AiVideo.Agents.Scripts;
using AiVideo.Bench.Common;
using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Resilience;
using AiVideo.Host.Runs;
using Microsoft.Extensions.Logging;

namespace AiVideo.Bench.Reliability;

/// <summary>
/// <c>bench reliability</c>: N runs of the product (VideoMaker over the three MCP servers, started once and shared) in a
/// fast media mode with chaos faults injected into every provider and the writer; then the independent
/// <see cref="OutboxChecker"/> re-checks every live post in the outbox, whatever its run's outcome. Run ids are fixed
/// (<c>bench-s{seed}-{i:00000}</c>) and every fault draw is keyed per call, so a seeded benchmark is the same runs in
/// every process. Writes &lt;out&gt;/summary.json (counts and the per-run outcome table).
/// </summary>
public sealed class ReliabilityBenchmark(TextWriter output, ILoggerFactory loggerFactory)
{
    private static readonly string[] Facts =
    [
        "NASA tracks the Moon with lasers.",
        "Honey never spoils in a sealed jar.",
        "A day on Venus is longer than its year.",
        "Sharks are older than trees.",
        "The heart of a blue whale is as big as a car.",
        "Hot water can freeze faster than cold water.",
    ];

    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public const int ChannelSeed = 4242;

    /// <summary>The benchmark channel: one brand word, one banned word, two platforms.</summary>
    public static ChannelProfile Channel { get; } = new()
    {
        Id = "bench", Name = "Bench Facts", Niche = "facts",
        Voice = new VoiceSettings { Rate = 200 },
        Render = new RenderSettings { Seed = ChannelSeed, DriftThreshold = 0.55, MaxRerenders = 2, KineticText = false }, // 72x128 frames: the key phrase would dominate the drift measure
        BrandWords = ["NASA"], BannedWords = ["miracle"],
        // Short narrations make each misheard word weigh more; the chaos faults that garble audio are far above this.
        Qa = new QaSettings { MaxWordErrorRate = 0.6 },
        Platforms = [PlatformNames.TikTok, PlatformNames.YouTubeShorts],
    };

    /// <summary>0..99999 in English words ("four hundred twelve").</summary>
    public static string NumberWords(int n) => n switch
    {
        < 20 => Ones[n],
        < 100 => Tens[n / 10] + (n % 10 == 0 ? "" : " " + Ones[n % 10]),
        < 1000 => Ones[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + NumberWords(n % 100)),
        _ => NumberWords(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + NumberWords(n % 1000)),
    };

    public static string RunIdFor(int seed, int i) => $"bench-s{seed}-{i:00000}";

    public async Task<ReliabilityResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.OutDirectory ?? Path.Combine(Path.GetTempPath(), $"aivideo-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        var outDir = Path.Combine(root, "out");
        var workspace = new ArtifactWorkspace(Path.Combine(root, "ws"));
        Directory.CreateDirectory(workspace.Root);
        // A hang outlasts every per-call timeout, and the timeouts are far above what any call takes even on a loaded
        // machine: a real timeout (a publish that took over 10 s four times on a 2-core machine under load 25) is a
        // fault the dice did not roll, and the same seed must give the same outcomes in every process.
        var chaos = options.FaultRate > 0 ? new ChaosSpec(options.FaultRate, options.Seed, HangSeconds: 60, Only: options.Only).ToString() : null;
        var make = new MakeOptions
        {
            ChannelPath = "", BriefPath = "", OutDirectory = outDir, Workspace = workspace.Root, McpConfigPath = options.McpConfigPath,
            Size = options.Size, Fps = options.Fps, RenderConcurrency = 2, Chaos = chaos,
            GatesEnforced = options.Gates, Deadline = TimeSpan.FromMinutes(5), UseMemory = false,
        };
        var resilience = new ResilienceOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(100), RenderTimeout = TimeSpan.FromSeconds(30), VoiceTimeout = TimeSpan.FromSeconds(30),
            PublishTimeout = TimeSpan.FromSeconds(30), BreakerMinimumCalls = 50,
        };
        var maker = new VideoMaker(new PipelineAgentsFactory(null, TimeProvider.System), loggerFactory, TimeProvider.System, FaultPoints.None, resilience);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"reliability: {options.Runs} runs, fault rate {options.FaultRate:P1} (seed {options.Seed}{(options.Only is null ? "" : ", only " + options.Only)}), gates {(options.Gates ? "on" : "OFF")}, {options.Size} @ {options.Fps} fps, concurrency {options.Concurrency}; work in {root}"))
            .ConfigureAwait(false);
        var environment = new Dictionary<string, string>
        {
            [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
            ["AIVIDEO_OUT"] = outDir,
        };
        if (chaos is not null) environment[ChaosSpec.EnvironmentVariable] = chaos;

        // Open the run store once before runs start side by side: two first opens of a new store race on its schema
        // migration ("table runs already exists").
        _ = AiVideo.Host.Runs.Store.RunStore.ForOutput(outDir);
        var seconds = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await using (var toolbox = await McpToolbox.StartAsync(new McpServerCatalog(options.McpConfigPath), environment, loggerFactory, cancellationToken).ConfigureAwait(false))
        {
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(1, options.Runs), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                // Unique per run (so each run publishes its own video), in words the recogniser knows; run 1 names the brand.
                var brief = new Brief($"Fact {NumberWords(i)}", [Facts[(i - 1) % Facts.Length]], "Follow for more.", []);
                var runId = RunIdFor(options.Seed, i);
                var watch = Stopwatch.StartNew();
                await maker.MakeAsync(Channel, brief, make with { RunId = runId }, new SilentRunProgress(), ct, toolbox).ConfigureAwait(false);
                seconds[runId] = watch.Elapsed.TotalSeconds;
                var n = Interlocked.Increment(ref done);
                if (n % Math.Max(1, options.Runs / 20) == 0 || n == options.Runs)
                {
                    lock (output) output.WriteLine($"  {n}/{options.Runs} runs ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }).ConfigureAwait(false);
        }
        var makeTime = clock.Elapsed;

        await output.WriteLineAsync("re-checking every live post in the outbox (own ffprobe/ffmpeg) …").ConfigureAwait(false);
        var checker = new OutboxChecker(new CheckExpectations(options.Size, Channel.BrandWords, Channel.BannedWords, ChannelSeed), options.Concurrency);
        var check = await checker.CheckAsync(outDir, workspace.Root, cancellationToken).ConfigureAwait(false);
        var result = new ReliabilityResult(options, check, seconds, makeTime);
        await output.WriteLineAsync(result.Summary()).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "summary.json"), JsonSerializer.Serialize(result.ToSummary(), SummaryJson), cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal static readonly JsonSerializerOptions SummaryJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}

/// <summary>One run in the per-run table: outcome, live platforms, problems of its live posts (classes).</summary>
public sealed record RunRow(string RunId, string Outcome, string? FailedStep, IReadOnlyList<string> Live, IReadOnlyList<string> Problems);

/// <summary>summary.json: the counts and the per-run table (no timings, so two processes' summaries compare equal).</summary>
public sealed record ReliabilitySummary(int Runs, int Published, int PartiallyPublished, int DeadLettered, int NoReport, int LivePosts, int Invalid, int Orphans,
    int Duplicates, int ReportedButAbsent, IReadOnlyDictionary<string, int> DeadLetteredBy, IReadOnlyDictionary<string, int> InvalidBy, IReadOnlyList<RunRow> PerRun);

public sealed record ReliabilityResult(ReliabilityOptions Options, OutboxCheck Check, IReadOnlyDictionary<string, double> Seconds, TimeSpan Elapsed)
{
    public int Runs => Options.Runs;
    public int Published => Check.Runs.Count(r => r.Outcome == "published");
    public int PartiallyPublished => Check.Runs.Count(r => r.Outcome == "partially_published");
    public int DeadLettered => Check.Runs.Count(r => r.Outcome == "dead_lettered");
    public int NoReport => Runs - Check.Runs.Count;
    public double PublishedShare => (double)Published / Math.Max(1, Runs);

    /// <summary>The issue's bar: nothing invalid live, no orphans, no duplicates, every reported live post present, enough runs published.</summary>
    public bool TargetsMet => Check.Invalid == 0 && Check.Orphans == 0 && Check.Duplicates == 0 && Check.ReportedButAbsent.Count == 0
        && PublishedShare >= Options.MinPublished - 1e-12;

    public int ExitCode => TargetsMet ? 0 : 1;

    public ReliabilitySummary ToSummary()
    {
        var rows = Check.Runs.Select(r => new RunRow(r.RunId, r.Outcome, r.FailedStep, r.LivePlatforms,
            Check.Posts.Where(p => p.RunId == r.RunId).SelectMany(p => p.Problems.Select(x => $"{p.Platform}:{x.Class}")).Distinct().Order(StringComparer.Ordinal).ToList())).ToList();
        return new ReliabilitySummary(Runs, Published, PartiallyPublished, DeadLettered, NoReport, Check.Posts.Count, Check.Invalid, Check.Orphans, Check.Duplicates,
            Check.ReportedButAbsent.Count,
            Check.Runs.Where(r => r.Outcome == "dead_lettered").GroupBy(r => r.FailedStep ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Check.Posts.SelectMany(p => p.Problems.Select(x => x.Class).Distinct()).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            rows);
    }

    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        string Pct(int n) => (100.0 * n / Math.Max(1, Runs)).ToString("0.00", inv);
        var lines = new List<string>
        {
            string.Create(inv, $"runs: {Runs} in {Elapsed.TotalMinutes:0.0} min"),
            $"published: {Published} ({Pct(Published)}%)",
            $"partially published: {PartiallyPublished} ({Pct(PartiallyPublished)}%)",
            $"dead-lettered: {DeadLettered} ({Pct(DeadLettered)}%)",
        };
        lines.AddRange(Check.Runs.Where(r => r.Outcome == "dead_lettered").GroupBy(r => r.FailedStep ?? "?").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  at {g.Key}: {g.Count()} (e.g. {g.First().Reason})"));
        lines.AddRange(Check.Runs.Where(r => r.Outcome == "partially_published").GroupBy(r => r.FailedStep ?? "?").OrderByDescending(g => g.Count())
            .Select(g => $"  partially, at {g.Key}: {g.Count()} (e.g. {g.First().Reason})"));
        if (NoReport > 0) lines.Add($"runs without a report: {NoReport}");
        lines.Add($"live posts re-checked: {Check.Posts.Count}");
        lines.Add($"invalid live posts: {Check.Invalid}");
        lines.AddRange(Check.Posts.SelectMany(p => p.Problems.Select(x => (p, x))).GroupBy(t => t.x.Class).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key}: {g.Select(t => t.p).Distinct().Count()} posts (e.g. {g.First().p.RunId ?? "?"} {g.First().p.Platform}: {g.First().x.Detail})"));
        lines.Add($"orphan posts (live, not in their run's report): {Check.Orphans}");
        lines.AddRange(Check.Posts.Where(p => p.Orphan).Take(5).Select(p => $"  orphan: {p.Location} (run {p.RunId ?? "unknown"})"));
        lines.Add($"duplicates (more than one live post per run and platform): {Check.Duplicates}");
        if (Check.ReportedButAbsent.Count > 0) lines.Add($"reported live but not in the outbox: {Check.ReportedButAbsent.Count} (e.g. {Check.ReportedButAbsent[0]})");
        var times = Seconds.Values.ToList();
        lines.Add(string.Create(inv, $"run time p50 {Percentiles.Of(times, 0.5):0.00} s, p99 {Percentiles.Of(times, 0.99):0.00} s, max {(times.Count == 0 ? 0 : times.Max()):0.00} s"));
        lines.Add(string.Create(inv,
            $"targets (0 invalid, 0 orphans, 0 duplicates, published ≥ {Options.MinPublished:P1}): {(TargetsMet ? "met" : "NOT met")}"));
        return string.Join(Environment.NewLine, lines);
    }
}
