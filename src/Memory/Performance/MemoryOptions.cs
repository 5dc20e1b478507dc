using AiVideo.Memory.Embeddings;
using AiVideo.Memory.Pinecone;

namespace AiVideo.Memory.Performance;

/// <summary>
/// The performance memory, from configuration section <c>Memory</c>: on by default on the embedded SQLite store
/// (&lt;out&gt;/publish.db, owned by the Publish server) with the offline hashed embedder; Pinecone and cloud embedders by configuration.
/// </summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";
    public const string SqliteStore = "sqlite";
    public const string PineconeStore = "pinecone";

    /// <summary>False turns recall off (scripts are written without past performance); videos are still recorded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>sqlite | pinecone.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>Most similar past videos given to ideation.</summary>
    public int Similar { get; set; } = 5;

    /// <summary>Best and worst performers each given to ideation.</summary>
    public int BestAndWorst { get; set; } = 2;

    /// <summary>Only videos posted in the last N days (0 = all).</summary>
    public int LookbackDays { get; set; }

    public EmbeddingOptions Embeddings { get; set; } = new();

    public PineconeOptions Pinecone { get; set; } = new();

    public string NormalizedStore => (Store ?? "").Trim().ToLowerInvariant();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (NormalizedStore is not (SqliteStore or PineconeStore)) errors.Add($"Memory:Store '{Store}' is not one of {SqliteStore}, {PineconeStore}");
        if (Similar is < 0 or > 50) errors.Add($"Memory:Similar {Similar} must be 0..50");
        if (BestAndWorst is < 0 or > 20) errors.Add($"Memory:BestAndWorst {BestAndWorst} must be 0..20");
        if (LookbackDays < 0) errors.Add($"Memory:LookbackDays {LookbackDays} must be ≥ 0");
        errors.AddRange(Embeddings.Validate());
        if (NormalizedStore == PineconeStore) errors.AddRange(Pinecone.Validate().Select(e => "Memory:Pinecone: " + e));
        return errors;
    }
}
