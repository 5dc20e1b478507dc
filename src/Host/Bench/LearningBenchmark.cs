using System.Globalization;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Memory.Performance;

namespace AiVideo.Host.Bench;

/// <summary>
/// <c>aivideo bench learning</c>: does the performance memory make scripts earn more? For each seed, two loops run the
/// same cycles (same topics, same simulated audience): one writes with memory (recall → deterministic writer →
/// simulated metrics → recorded in the ledger → next cycle), the other with memory off. Compares the mean score of the
/// last <see cref="LearningOptions.Window"/> cycles; significance by an exact paired permutation test over seeds.
/// </summary>
public sealed class LearningBenchmark(TextWriter stdout, TimeProvider time)
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
        var root = options.OutDirectory ?? Path.Combine(Path.GetTempPath(), "aivideo-bench-learning-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        await stdout.WriteLineAsync($"learning: {options.Seeds} seeds x {options.Cycles} cycles, memory vs no memory, last {options.Window} cycles compared; work in {root}").ConfigureAwait(false);
        var seeds = new List<SeedResult>();
        for (var s = 0; s < options.Seeds; s++)
        {
            var seed = options.FirstSeed + s;
            var withMemory = await LoopAsync(seed, useMemory: true, Path.Combine(root, $"seed{seed}-memory"), options, cancellationToken).ConfigureAwait(false);
            var without = await LoopAsync(seed, useMemory: false, Path.Combine(root, $"seed{seed}-none"), options, cancellationToken).ConfigureAwait(false);
            var result = new SeedResult(seed, withMemory.Mean, without.Mean, withMemory.FinalStyle, new AudienceSimulator(seed).BestStyle);
            seeds.Add(result);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  seed {seed,3}: memory {result.Memory,8:0.0}  no memory {result.NoMemory,8:0.0}  ({(result.Memory / result.NoMemory - 1) * 100,6:+0.0;-0.0} %)  memory settled on {result.SettledStyle}, audience prefers {result.PreferredStyle}"))
                .ConfigureAwait(false);
        }
        var memoryMean = seeds.Average(r => r.Memory);
        var noneMean = seeds.Average(r => r.NoMemory);
        var p = PairedPermutationTest.OneSidedP(seeds.Count <= 20 ? seeds.Select(r => r.Memory - r.NoMemory).ToList() : seeds.Take(20).Select(r => r.Memory - r.NoMemory).ToList());
        var lift = memoryMean / noneMean - 1;
        var summary = new LearningResult(memoryMean, noneMean, lift, p, seeds);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"mean score, last {options.Window} cycles: memory {memoryMean:0.0}, no memory {noneMean:0.0}; lift {lift * 100:+0.0;-0.0} %; paired permutation p = {p:0.0000} (one-sided, {Math.Min(seeds.Count, 20)} seeds)")).ConfigureAwait(false);
        await stdout.WriteLineAsync(summary.TargetMet ? "target met: lift >= 20 % with p < 0.05" : "TARGET NOT MET: needs lift >= 20 % with p < 0.05").ConfigureAwait(false);
        return summary;
    }

    private async Task<(double Mean, string FinalStyle)> LoopAsync(int seed, bool useMemory, string directory, LearningOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var audience = new AudienceSimulator(seed);
        var channel = new ChannelProfile { Id = $"bench-learning-{seed}", Name = "Bench Learning", Niche = "space facts" };
        // In-process on the benchmark's own scratch file: a simulation no server or other process ever opens.
        var memory = new PerformanceMemoryFactory(new MemoryOptions(), time).Open(Path.Combine(directory, "memory.db"));
        var writer = new DeterministicScriptWriter();
        var scores = new List<double>();
        var style = "";
        var clock = new DateTimeOffset(2026, 1, 1, 17, 0, 0, TimeSpan.Zero);
        for (var cycle = 0; cycle < options.Cycles; cycle++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var topic = Topics[new Random(HashCode.Combine(seed, cycle)).Next(Topics.Length)];
            var brief = new Brief(topic.Title, topic.Facts, null, []);
            var context = useMemory
                ? await memory.RecallAsync(channel.Id, string.Join("\n", new[] { brief.Title }.Concat(brief.Facts)), cancellationToken).ConfigureAwait(false)
                : PerformanceContext.Empty;
            var script = writer.Write(brief, channel, context);
            style = HookStyles.Classify(script.Hook);
            var postedAt = clock.AddDays(cycle);
            var externalId = $"sim-{seed}-{cycle:000}";
            var metrics = audience.Watch(script, topic.Title, Platform, externalId, postedAt.AddDays(1));
            var video = new PublishedVideo
            {
                ChannelId = channel.Id, Platform = Platform, ExternalId = externalId, Title = script.Title, Hook = script.Hook, Topic = topic.Title,
                Beats = script.Beats.Select(b => b.Text).ToList(), HookStyle = style, DurationSec = script.Shots.Sum(s => s.DurationSec), PostedAt = postedAt,
            };
            await memory.Ledger.RecordAsync(metrics, video, "bench:learning", cancellationToken).ConfigureAwait(false);
            scores.Add(PerformanceScore.Of(metrics));
        }
        return (scores.TakeLast(options.Window).Average(), style);
    }
}

/// <summary>One seed's outcome: mean score of the compared window with and without memory.</summary>
public sealed record SeedResult(int Seed, double Memory, double NoMemory, string SettledStyle, string PreferredStyle);

/// <summary>The benchmark's outcome.</summary>
public sealed record LearningResult(double MemoryMean, double NoMemoryMean, double Lift, double P, IReadOnlyList<SeedResult> Seeds)
{
    public bool TargetMet => Lift >= 0.20 && P < 0.05;
}
