using System.Diagnostics;
using System.Globalization;
using AiVideo.Bench.Common;
using AiVideo.Core;
using AiVideo.Memory.Performance;
using AiVideo.Memory.Sqlite;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Bench.Vectors;

/// <summary>
/// <c>bench vectors [--records 100000] [--dims 384] [--queries 50]</c>: exact top-10 cosine search on the
/// embedded SQLite collection — load time, then warm query latency without and with a metadata filter (p50/p99/max).
/// </summary>
public sealed class VectorSearchBenchmark(TextWriter stdout)
{
    public async Task<VectorBenchResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (records, dims, queries, outDir) = Parse(args);
        var dir = outDir ?? Path.Combine(Path.GetTempPath(), "aivideo-bench-vectors-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "vectors.db");
        if (File.Exists(path)) File.Delete(path);
        using var store = new SqliteVectorStore(path);
        var definition = new VectorStoreCollectionDefinition { Properties = [new VectorStoreVectorProperty(nameof(PerformanceVectorRecord.Vector), typeof(ReadOnlyMemory<float>), dims)] };
        var collection = store.GetCollection<string, PerformanceVectorRecord>("bench", definition);
        await collection.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        var random = new BenchRandom(BenchDraw.Hash("vectors", 42));
        string[] channels = ["space", "pasta", "history", "tech"];
        var insert = Stopwatch.StartNew();
        for (var start = 0; start < records; start += 5000)
        {
            var batch = Enumerable.Range(start, Math.Min(5000, records - start)).Select(i => new PerformanceVectorRecord
            {
                Key = $"r{i}",
                ChannelId = channels[i % channels.Length],
                Platform = "tiktok",
                PostedAt = DateTimeOffset.UnixEpoch.AddDays(20000 + i % 365),
                HookStyle = HookStyles.All[i % HookStyles.All.Count],
                Score = random.NextDouble() * 1000,
                Vector = Vector(random, dims),
            });
            await collection.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        insert.Stop();
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"vectors: {records} records x {dims} dims upserted in {insert.Elapsed.TotalSeconds:0.0} s ({path})")).ConfigureAwait(false);

        var cold = Stopwatch.StartNew();
        await collection.SearchAsync(new ReadOnlyMemory<float>(Vector(random, dims)), 10, cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        cold.Stop();
        var plain = await TimeAsync(() => collection.SearchAsync(new ReadOnlyMemory<float>(Vector(random, dims)), 10, cancellationToken: cancellationToken), queries, cancellationToken).ConfigureAwait(false);
        var filtered = await TimeAsync(() => collection.SearchAsync(new ReadOnlyMemory<float>(Vector(random, dims)), 10,
            new VectorSearchOptions<PerformanceVectorRecord> { Filter = r => r.ChannelId == "space" && r.HookStyle == HookStyles.Question }, cancellationToken), queries, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"first search (loads vectors into memory): {cold.Elapsed.TotalMilliseconds:0} ms")).ConfigureAwait(false);
        await stdout.WriteLineAsync(Line("top-10, no filter", plain)).ConfigureAwait(false);
        await stdout.WriteLineAsync(Line("top-10, channel + hook style filter", filtered)).ConfigureAwait(false);
        if (outDir is null) Directory.Delete(dir, recursive: true);
        return new VectorBenchResult(cold.Elapsed.TotalMilliseconds, plain, filtered);
    }

    private static string Line(string name, Latency l) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {l.P50:0.0} ms, p99 {l.P99:0.0} ms, max {l.Max:0.0} ms");

    private static async Task<Latency> TimeAsync(Func<IAsyncEnumerable<VectorSearchResult<PerformanceVectorRecord>>> search, int queries, CancellationToken cancellationToken)
    {
        var times = new List<double>(queries);
        for (var q = 0; q < queries; q++)
        {
            var watch = Stopwatch.StartNew();
            var hits = await search().ToListAsync(cancellationToken).ConfigureAwait(false);
            watch.Stop();
            if (hits.Count == 0) throw new InvalidOperationException("the benchmark search found nothing");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Latency(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)], times[^1]);
    }

    private static float[] Vector(BenchRandom random, int dims) => Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static (int Records, int Dims, int Queries, string? Out) Parse(IReadOnlyList<string> args)
    {
        int records = 100_000, dims = 384, queries = 50;
        string? outDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new InvalidInputException($"{name} needs a value");
            int Int(int min, int max) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v : throw new InvalidInputException($"{name} must be a whole number {min}..{max}");
            switch (name)
            {
                case "--records": records = Int(1, 5_000_000); break;
                case "--dims": dims = Int(1, 8192); break;
                case "--queries": queries = Int(1, 100_000); break;
                case "--out": outDir = Value(); break;
                default: throw new InvalidInputException($"unknown option '{name}' for bench vectors");
            }
        }
        return (records, dims, queries, outDir);
    }
}

public sealed record Latency(double P50, double P99, double Max);

public sealed record VectorBenchResult(double ColdMs, Latency Plain, Latency Filtered);
