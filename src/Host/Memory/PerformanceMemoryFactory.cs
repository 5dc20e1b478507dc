using AiVideo.Agents.Providers;
using AiVideo.Core;
using AiVideo.Host.Runs.Store;
using AiVideo.Memory.Performance;
using AiVideo.Memory.Pinecone;
using AiVideo.Memory.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AiVideo.Host.Memory;

/// <summary>
/// Opens the performance memory of an output directory: the ledger in &lt;out&gt;/aivideo.db (the run store's file) and the
/// configured vector store (SQLite in the same file, or Pinecone) with the configured embedder.
/// </summary>
public sealed class PerformanceMemoryFactory(MemoryOptions options, TimeProvider time, Func<HttpClient>? httpClientFactory = null)
{
    public static PerformanceMemoryFactory Default { get; } = new(new MemoryOptions(), TimeProvider.System);

    public MemoryOptions Options => options;

    /// <summary>Binds and validates section <c>Memory</c>; a bad setting is an <see cref="InvalidInputException"/> naming what to fix.</summary>
    public static PerformanceMemoryFactory FromConfiguration(IConfiguration configuration, TimeProvider time)
    {
        var options = new MemoryOptions();
        try
        {
            configuration.GetSection(MemoryOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidInputException($"configuration section Memory: {ex.Message}");
        }
        var errors = options.Validate();
        if (errors.Count > 0) throw new InvalidInputException($"memory configuration: {string.Join("; ", errors)}");
        return new PerformanceMemoryFactory(options, time);
    }

    public static string DatabasePath(string outDirectory) => Path.Combine(Path.GetFullPath(outDirectory), RunStore.FileName);

    public PerformanceLedger Ledger(string outDirectory) => new(DatabasePath(outDirectory));

    public PerformanceMemory Open(string outDirectory)
    {
        var ledger = Ledger(outDirectory);
        var embedder = new EmbeddingGeneratorFactory(httpClientFactory).Create(options.Embeddings);
        var recall = new PerformanceMemoryOptions { Similar = options.Similar, BestAndWorst = options.BestAndWorst, LookbackDays = options.LookbackDays };
        if (options.NormalizedStore == MemoryOptions.PineconeStore)
        {
            var client = new PineconeClient(httpClientFactory?.Invoke() ?? new HttpClient(), options.Pinecone, time);
            return new PerformanceMemory(ledger, new PineconeVectorStore(client, embedder), "pinecone:" + options.Pinecone.ResolveIndexUri().Host, embedder, recall, time);
        }
        return new PerformanceMemory(ledger, new SqliteVectorStore(ledger.DatabasePath, embedder), "sqlite", embedder, recall, time);
    }
}
