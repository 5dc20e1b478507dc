using AiVideo.Bench.Assembling;
using AiVideo.Bench.Learning;
using AiVideo.Bench.Reliability;
using AiVideo.Bench.Vectors;
using AiVideo.Core;
using AiVideo.Host.Mcp;
using Microsoft.Extensions.Logging;

namespace AiVideo.Bench;

/// <summary>The bench executable's commands (<c>./aivideo bench …</c> forwards here).</summary>
public sealed class BenchCli(TextWriter stdout, TextWriter stderr, ILoggerFactory loggerFactory)
{
    public const string Usage = """
        AiVideo benchmarks (not part of the shipped CLI). Usage: ./aivideo bench COMMAND [options]
          reliability [--runs 1000] [--fault-rate 0.03] [--seed 7] [--only KIND+KIND] [--no-gates] [--concurrency 2]
                      [--size 72x128] [--fps 10] [--min-published 0.999] [--out DIR] [--mcp-config FILE]
              many fast runs with chaos faults, then an independent re-check of every live post in the outbox
              (own ffprobe/ffmpeg): outcomes, invalid posts by class, orphans, duplicates, p50/p99 run time;
              writes DIR/summary.json. Exit 1 if invalid, orphans or duplicates > 0 or published share < --min-published.
          learning [--seeds 10] [--cycles 30] [--window 10] [--first-seed 1] [--require-target] [--out DIR] [--mcp-config FILE]
              memory on vs off through make + record_performance, scored by a simulated audience; lift, oracle regret,
              seed-to-seed spread, paired permutation p; writes DIR/learning.json
          orchestration [--runs 2000] [--warmup 3000] [--out DIR] [--store sqlite|memory|json|none]
              the full workflow with in-process no-op media tools and durable SQLite checkpoints: median/p90/p99 ms
              per run, runs/s (reference: LangGraph, same graph, MemorySaver: 5.0 ms; target median <= 2.5 ms)
          vectors [--records 100000] [--dims 384] [--queries 50] [--out DIR]   vector search latency
          assembly [--size 1080x1920] [--seconds 60]                          VideoAssembler vs hand-written ffmpeg
        Chaos kinds for --only: transient, hang, zero_length_file, truncated_file, wrong_duration_audio, drifted_shot,
        lands_but_reports_failure, misspelled_brand.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            switch (args)
            {
                case ["reliability", .. var rest]:
                    return (await new ReliabilityBenchmark(stdout, loggerFactory).RunAsync(ReliabilityOptions.Parse(rest), cancellationToken).ConfigureAwait(false)).ExitCode;
                case ["learning", .. var rest]:
                {
                    var options = LearningOptions.Parse(rest);
                    var result = await new LearningBenchmark(stdout, loggerFactory).RunAsync(options, cancellationToken).ConfigureAwait(false);
                    return !options.RequireTarget || result.TargetMet ? 0 : 1;
                }
                case ["orchestration", .. var rest]:
                    return await Orchestration.OrchestrationBenchmark.RunAsync([.. rest], stdout, cancellationToken).ConfigureAwait(false);
                case ["vectors", .. var rest]:
                    await new VectorSearchBenchmark(stdout).RunAsync(rest, cancellationToken).ConfigureAwait(false);
                    return 0;
                case ["assembly", .. var rest]:
                    await AssemblyBenchmark.RunAsync(rest, stdout).ConfigureAwait(false);
                    return 0;
                case [] or ["help" or "--help" or "-h", ..]:
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    throw new InvalidInputException($"unknown bench command '{string.Join(' ', args)}'");
            }
        }
        catch (InvalidInputException ex)
        {
            await stderr.WriteLineAsync($"bench: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ToolCallException ex)
        {
            await stderr.WriteLineAsync($"bench: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
