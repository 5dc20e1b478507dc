using AiVideo.Core;
using AiVideo.Memory.Embeddings;
using AiVideo.Memory.Pinecone;
using AiVideo.Memory.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AiVideo.Memory.Performance;

/// <summary>
/// Opens the performance memory of one database file: the ledger in that file and the configured vector store (SQLite
/// in the same file, or Pinecone) with the configured embedder. The file belongs to the process that opens it — the
/// Publish server for &lt;out&gt;/publish.db; the learning benchmark for its own scratch folders.
/// </summary>
public sealed class PerformanceMemoryFactory(MemoryOptions options, TimeProvider time, Func<HttpClient>? httpClientFactory = null)
{
    public MemoryOptions Options => options;

    /// <summary>Binds and validates section <c>Memory</c>; a bad setting is an <see cref="InvalidInputException"/> naming what to fix.</summary>
    public static MemoryOptions Bind(IConfiguration configuration)
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
        return options;
    }

    public static PerformanceMemoryFactory FromConfiguration(IConfiguration configuration, TimeProvider time) => new(Bind(configuration), time);

    public PerformanceLedger Ledger(string databasePath) => new(databasePath);

    public PerformanceMemory Open(string databasePath) => Open(Ledger(databasePath));

    public PerformanceMemory Open(PerformanceLedger ledger)
    {
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
