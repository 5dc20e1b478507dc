using System.Diagnostics;
using System.Security.Cryptography;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Resilience;
using AiVideo.Host.Runs;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Bench;

/// <summary>
/// <c>aivideo bench reliability</c>: N runs in a fast media mode with faults injected into every provider (and the
/// writer), each published video re-checked independently afterwards, duplicates counted in the outbox.
/// With --no-gates the same faults run with gates measured but not enforced, to show what validation buys.
/// </summary>
public sealed class ReliabilityBenchmark(TextWriter output, ILoggerFactory loggerFactory, TimeProvider time)
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

    /// <summary>0..99999 in English words ("four hundred twelve").</summary>
    public static string NumberWords(int n) => n switch
    {
        < 20 => Ones[n],
        < 100 => Tens[n / 10] + (n % 10 == 0 ? "" : " " + Ones[n % 10]),
        < 1000 => Ones[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + NumberWords(n % 100)),
        _ => NumberWords(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + NumberWords(n % 1000)),
    };

    public async Task<ReliabilityResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.OutDirectory ?? Path.Combine(Path.GetTempPath(), $"aivideo-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        var outDir = Path.Combine(root, "out");
        var workspace = new ArtifactWorkspace(Path.Combine(root, "ws"));
        Directory.CreateDirectory(workspace.Root);
        var chaos = new ChaosSpec(options.FaultRate, options.Seed, HangSeconds: 30);
        var channel = new ChannelProfile
        {
            Id = "bench", Name = "Bench Facts", Niche = "facts",
            Voice = new VoiceSettings { Rate = 200 },
            Render = new RenderSettings { Seed = 4242, DriftThreshold = 0.55, MaxRerenders = 2 },
            BrandWords = ["NASA"], BannedWords = ["miracle"],
            // Short narrations make each misheard word weigh more; the chaos faults that garble audio are far above this.
            Qa = new QaSettings { MaxWordErrorRate = 0.6 },
            Platforms = [PlatformNames.TikTok, PlatformNames.YouTubeShorts],
        };
        var make = new MakeOptions
        {
            ChannelPath = "", BriefPath = "", OutDirectory = outDir, Workspace = workspace.Root, McpConfigPath = options.McpConfigPath,
            Size = options.Size, Fps = options.Fps, RenderConcurrency = 2, Chaos = options.FaultRate > 0 ? chaos.ToString() : null,
            GatesEnforced = options.Gates, Deadline = TimeSpan.FromMinutes(5),
        };
        var resilience = new ResilienceOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(100), RenderTimeout = TimeSpan.FromSeconds(20), VoiceTimeout = TimeSpan.FromSeconds(10),
            PublishTimeout = TimeSpan.FromSeconds(10), BreakerMinimumCalls = 50,
        };
        var maker = new VideoMaker(new PipelineAgentsFactory(null, time), loggerFactory, time, FaultPoints.None, resilience);

        await output.WriteLineAsync($"reliability: {options.Runs} runs, fault rate {options.FaultRate:P1} (seed {options.Seed}), gates {(options.Gates ? "on" : "OFF")}, {options.Size} @ {options.Fps} fps, concurrency {options.Concurrency}; work in {root}").ConfigureAwait(false);
        var environment = new Dictionary<string, string>
        {
            [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
            ["AIVIDEO_OUT"] = outDir,
        };
        if (make.Chaos is not null) environment[ChaosSpec.EnvironmentVariable] = make.Chaos;
        await using var toolbox = await McpToolbox.StartAsync(new McpServerCatalog(options.McpConfigPath), environment, loggerFactory, cancellationToken).ConfigureAwait(false);
        var checker = new PublishedVideoCheck(toolbox, workspace, channel, options.Size);

        var results = new System.Collections.Concurrent.ConcurrentBag<RunResult>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Runs), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            // Unique per run (so each run publishes its own video), in words the recogniser knows.
            var brief = new Brief($"Fact {NumberWords(i)}", [Facts[i % Facts.Length]], "Follow for more.", []);
            var watch = Stopwatch.StartNew();
            var made = await maker.MakeAsync(channel, brief, make, new Cli.SilentRunProgress(), ct, toolbox).ConfigureAwait(false);
            watch.Stop();
            var problems = made.Published ? await checker.CheckAsync(made.Report, ct).ConfigureAwait(false) : [];
            results.Add(new RunResult(made.Report.RunId, made.Published, made.Report.FailedStep, made.Report.Reason, problems, watch.Elapsed.TotalSeconds));
            var n = Interlocked.Increment(ref done);
            if (n % Math.Max(1, options.Runs / 20) == 0 || n == options.Runs)
            {
                lock (output) output.WriteLine($"  {n}/{options.Runs} runs ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }).ConfigureAwait(false);

        var duplicates = PublishedVideoCheck.CountDuplicates(outDir, results.Where(r => r.Published).Select(r => r.RunId).ToList(), channel.Platforms.Count);
        var result = new ReliabilityResult(results.ToList(), duplicates, clock.Elapsed);
        await output.WriteLineAsync(result.Summary(options)).ConfigureAwait(false);
        return result;
    }
}

public sealed record RunResult(string RunId, bool Published, string? FailedStep, string? Reason, IReadOnlyList<string> Problems, double Seconds)
{
    public bool InvalidPublished => Published && Problems.Count > 0;
}

public sealed record ReliabilityResult(IReadOnlyList<RunResult> Runs, int DuplicatePublishes, TimeSpan Elapsed)
{
    public int Published => Runs.Count(r => r.Published);
    public int InvalidPublished => Runs.Count(r => r.InvalidPublished);
    public int ValidPublished => Published - InvalidPublished;

    public string Summary(ReliabilityOptions options)
    {
        var times = Runs.Select(r => r.Seconds).Order().ToList();
        double Pct(double p) => times.Count == 0 ? 0 : times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        var lines = new List<string>
        {
            $"runs: {Runs.Count} in {Elapsed.TotalMinutes:0.0} min",
            $"published: {Published} ({100.0 * Published / Math.Max(1, Runs.Count):0.00}%), of which invalid: {InvalidPublished}; valid published {100.0 * ValidPublished / Math.Max(1, Runs.Count):0.00}%",
            $"dead-lettered: {Runs.Count - Published}",
        };
        lines.AddRange(Runs.Where(r => !r.Published).GroupBy(r => r.FailedStep ?? "?").OrderByDescending(g => g.Count())
            .Select(g => $"  at {g.Key}: {g.Count()} (e.g. {g.First().Reason})"));
        lines.AddRange(Runs.Where(r => r.InvalidPublished).SelectMany(r => r.Problems).GroupBy(p => p.Split(':')[0]).OrderByDescending(g => g.Count())
            .Select(g => $"  invalid: {g.Key}: {g.Count()} (e.g. {g.First()})"));
        lines.Add($"duplicate publishes: {DuplicatePublishes}");
        lines.Add($"run time p50 {Pct(0.5):0.00} s, p99 {Pct(0.99):0.00} s");
        if (options.Gates)
        {
            var ok = InvalidPublished == 0 && DuplicatePublishes == 0 && Published >= 0.999 * Runs.Count;
            lines.Add($"targets (0 invalid, 0 duplicates, ≥ 99.9% published): {(ok ? "met" : "NOT met")}");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
