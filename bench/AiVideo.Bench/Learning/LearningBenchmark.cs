using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Agents.Scripts;
using AiVideo.Bench.Common;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Resilience;
using AiVideo.Host.Runs;
using Microsoft.Extensions.Logging;

namespace AiVideo.Bench.Learning;

/// <summary>
/// <c>bench learning</c>: does the performance memory make scripts earn more, through the real product? For each seed,
/// two loops run the same cycles (same topics, same simulated audience, same noise): one with memory, one without
/// (<see cref="MakeOptions.UseMemory"/>). A cycle is one <c>make</c> (VideoMaker over the MCP servers, fast media mode),
/// whose writer gets the memory's recall; the simulated audience reads the published script's hook with its own
/// features and its metrics go back through the Publish server's <c>record_performance</c> tool, where the next cycle's
/// recall finds them. Reported: mean views of the last <see cref="LearningOptions.Window"/> cycles, lift vs memory-off,
/// regret vs an oracle that always uses the audience's favourite hook type, seed-to-seed spread of the lift, and an
/// exact paired permutation test over seeds. Writes &lt;out&gt;/learning.json (every cycle of every loop).
/// </summary>
public sealed class LearningBenchmark(TextWriter stdout, ILoggerFactory loggerFactory)
{
    private const string Platform = PlatformNames.TikTok;

    private static readonly (string Title, string[] Facts)[] Topics =
    [
        ("The moon is drifting away", ["The moon moves away from Earth by about four centimetres a year.", "Lasers bounced off mirrors left by astronauts measure it."]),
        ("Why Mars is red", ["Mars is covered in iron oxide dust.", "The dust is so fine it hangs in the thin air."]),
        ("A day on Venus", ["A day on Venus is longer than its year.", "Venus spins backwards compared to most planets."]),
        ("Saturn could float", ["Saturn is less dense than water.", "Its rings are mostly ice."]),
        ("The coldest place in the solar system", ["Some craters on the moon never see sunlight.", "They are colder than the surface of Pluto."]),
        ("How big is the sun", ["About one million Earths would fit inside the sun.", "Its light takes eight minutes to reach us."]),
        ("Jupiter's great red spot", ["The great red spot is a storm bigger than Earth.", "It has raged for centuries."]),
        ("Neutron stars", ["A teaspoon of neutron star weighs about a billion tonnes.", "They can spin hundreds of times a second."]),
        ("Footprints on the moon", ["There is no wind on the moon.", "Footprints there can last for millions of years."]),
        ("The speed of light", ["Light circles the Earth seven times in one second.", "Nothing with mass can reach it."]),
        ("Black holes", ["Not even light escapes a black hole.", "Time runs slower near one."]),
        ("Comets", ["Comets are balls of ice and dust.", "Their tails always point away from the sun."]),
    ];

    public async Task<LearningResult> RunAsync(LearningOptions options, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.OutDirectory ?? Path.Combine(Path.GetTempPath(), "aivideo-bench-learning-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(root);
        await stdout.WriteLineAsync($"learning: {options.Seeds} seeds x {options.Cycles} cycles through make (72x128, 10 fps), memory vs no memory, last {options.Window} cycles compared; work in {root}")
            .ConfigureAwait(false);
        var seeds = new List<SeedResult>();
        for (var s = 0; s < options.Seeds; s++)
        {
            var seed = options.FirstSeed + s;
            // The two loops of a seed share nothing (own out dir, own servers): run them side by side.
            var loops = await Task.WhenAll(
                LoopAsync(seed, useMemory: true, Path.Combine(root, $"seed{seed}-memory"), options, cancellationToken),
                LoopAsync(seed, useMemory: false, Path.Combine(root, $"seed{seed}-none"), options, cancellationToken)).ConfigureAwait(false);
            var audience = new AudienceSimulator(seed);
            var result = new SeedResult(seed, Window(loops[0], options, c => c.Views), Window(loops[1], options, c => c.Views),
                Window(loops[0], options, c => c.Regret), Window(loops[1], options, c => c.Regret),
                loops[0][^1].HookType, audience.BestType, loops[0], loops[1]);
            seeds.Add(result);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  seed {seed,3}: memory {result.Memory,8:0.0}  no memory {result.NoMemory,8:0.0}  lift {result.Lift * 100,6:+0.0;-0.0} %  regret {result.MemoryRegret,7:0.0} vs {result.NoMemoryRegret,7:0.0}  memory ended on {result.SettledType}, audience prefers {result.PreferredType}"))
                .ConfigureAwait(false);
        }
        var summary = LearningResult.Of(seeds);
        var inv = CultureInfo.InvariantCulture;
        await stdout.WriteLineAsync(string.Create(inv,
            $"mean views, last {options.Window} cycles: memory {summary.MemoryMean:0.0}, no memory {summary.NoMemoryMean:0.0}; lift {summary.Lift * 100:+0.0;-0.0} %; paired permutation p = {summary.P:0.0000} (one-sided, {Math.Min(seeds.Count, 20)} seeds)"))
            .ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(inv,
            $"lift per seed: mean {summary.LiftMean * 100:+0.0;-0.0} %, stdev {summary.LiftStdev * 100:0.0} %, min {summary.LiftMin * 100:+0.0;-0.0} %, max {summary.LiftMax * 100:+0.0;-0.0} %"))
            .ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(inv,
            $"regret vs an oracle that always uses the audience's favourite hook type (expected views per video, last {options.Window} cycles): memory {summary.MemoryRegret:0.0}, no memory {summary.NoMemoryRegret:0.0}"))
            .ConfigureAwait(false);
        await stdout.WriteLineAsync(summary.TargetMet ? "target met: lift >= 20 % with p < 0.05" : "target not met: needs lift >= 20 % with p < 0.05").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "learning.json"), JsonSerializer.Serialize(summary, Reliability.ReliabilityBenchmark.SummaryJson), cancellationToken)
            .ConfigureAwait(false);
        return summary;
    }

    private static double Window(IReadOnlyList<CycleResult> cycles, LearningOptions options, Func<CycleResult, double> value) =>
        cycles.TakeLast(options.Window).Average(value);

    private async Task<IReadOnlyList<CycleResult>> LoopAsync(int seed, bool useMemory, string directory, LearningOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var outDir = Path.Combine(directory, "out");
        var workspace = Path.Combine(directory, "ws");
        Directory.CreateDirectory(workspace);
        var audience = new AudienceSimulator(seed);
        var channel = new ChannelProfile
        {
            Id = $"bench-learning-{seed}", Name = "Bench Learning", Niche = "space facts",
            Voice = new VoiceSettings { Rate = 200 },
            Render = new RenderSettings { Seed = 1000 + seed },
            // As in the reliability channel: short narrations make each misheard word weigh more in the ASR gate.
            Qa = new QaSettings { MaxWordErrorRate = 0.6 },
            Platforms = [Platform],
        };
        var make = new MakeOptions
        {
            ChannelPath = "", BriefPath = "", OutDirectory = outDir, Workspace = workspace, McpConfigPath = options.McpConfigPath,
            Size = new VideoSize(72, 128), Fps = 10, RenderConcurrency = 1, UseMemory = useMemory, Deadline = TimeSpan.FromMinutes(5),
        };
        var maker = new VideoMaker(new PipelineAgentsFactory(null, TimeProvider.System), loggerFactory, TimeProvider.System, FaultPoints.None,
            new ResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(100) });
        var environment = new Dictionary<string, string> { [ArtifactWorkspace.EnvironmentVariable] = workspace, ["AIVIDEO_OUT"] = outDir };
        await using var toolbox = await McpToolbox.StartAsync(new McpServerCatalog(options.McpConfigPath), environment, loggerFactory, cancellationToken).ConfigureAwait(false);
        var cycles = new List<CycleResult>();
        for (var cycle = 0; cycle < options.Cycles; cycle++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var topic = Topics[BenchDraw.Index(Topics.Length, "learning", seed, cycle, "topic")];
            var brief = new Brief(topic.Title, topic.Facts, null, []);
            var runId = $"learn-s{seed}-{(useMemory ? "m" : "n")}-{cycle:000}";
            var made = await maker.MakeAsync(channel, brief, make with { RunId = runId }, new SilentRunProgress(), cancellationToken, toolbox).ConfigureAwait(false);
            // The audience reads what was published: the script in the run's report.json, and only if a post is live.
            var report = JsonNode.Parse(await File.ReadAllTextAsync(made.ReportPath, cancellationToken).ConfigureAwait(false))!;
            var live = report["live"] as JsonArray;
            var hook = report["script"]?["hook"]?.GetValue<string>();
            if (live is not { Count: > 0 } || hook is null)
            {
                cycles.Add(new CycleResult(cycle, runId, topic.Title, "", "none", 0, 0, audience.ExpectedScore(audience.BestType, topic.Title)));
                continue;
            }
            var externalId = live[0]!["externalId"]!.GetValue<string>();
            var watched = audience.Watch(hook, topic.Title, cycle);
            await toolbox.CallAsync<JsonElement>(McpToolbox.Publish, "record_performance", new Dictionary<string, object?>
            {
                ["platform"] = Platform, ["videoId"] = externalId, ["views"] = watched.Views, ["watchTimeSec"] = watched.WatchTimeSec,
                ["averageViewPercent"] = watched.AverageViewPercent, ["likes"] = watched.Likes, ["shares"] = watched.Shares,
                ["comments"] = watched.Comments, ["follows"] = watched.Follows,
            }, null, cancellationToken).ConfigureAwait(false);
            cycles.Add(new CycleResult(cycle, runId, topic.Title, hook, watched.HookType, watched.Views, watched.ExpectedScore, watched.OracleScore));
        }
        return cycles;
    }
}

/// <summary>One cycle: what was published, how the audience read it, views, and the expected views of it and of the oracle's choice.</summary>
public sealed record CycleResult(int Cycle, string RunId, string Topic, string Hook, string HookType, long Views, double Expected, double Oracle)
{
    public double Regret => Oracle - Expected;
}

/// <summary>One seed: mean views and regret of the compared window with and without memory, and both loops' cycles.</summary>
public sealed record SeedResult(int Seed, double Memory, double NoMemory, double MemoryRegret, double NoMemoryRegret, string SettledType, string PreferredType,
    IReadOnlyList<CycleResult> MemoryCycles, IReadOnlyList<CycleResult> NoMemoryCycles)
{
    public double Lift => NoMemory > 0 ? Memory / NoMemory - 1 : 0;
}

/// <summary>The benchmark's outcome.</summary>
public sealed record LearningResult(double MemoryMean, double NoMemoryMean, double Lift, double P, double LiftMean, double LiftStdev, double LiftMin, double LiftMax,
    double MemoryRegret, double NoMemoryRegret, IReadOnlyList<SeedResult> Seeds)
{
    public bool TargetMet => Lift >= 0.20 && P < 0.05;

    public static LearningResult Of(IReadOnlyList<SeedResult> seeds)
    {
        var memory = seeds.Average(r => r.Memory);
        var none = seeds.Average(r => r.NoMemory);
        var lifts = seeds.Select(s => s.Lift).ToList();
        var mean = lifts.Average();
        var stdev = lifts.Count > 1 ? Math.Sqrt(lifts.Sum(l => (l - mean) * (l - mean)) / (lifts.Count - 1)) : 0;
        var p = PairedPermutationTest.OneSidedP(seeds.Take(20).Select(r => r.Memory - r.NoMemory).ToList());
        return new LearningResult(memory, none, none > 0 ? memory / none - 1 : 0, p, mean, stdev, lifts.Min(), lifts.Max(),
            seeds.Average(s => s.MemoryRegret), seeds.Average(s => s.NoMemoryRegret), seeds);
    }
}
