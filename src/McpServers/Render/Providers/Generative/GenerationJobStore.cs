using System.Collections.Concurrent;
using System.Text.Json;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// One generated clip's job as it stands on disk: the provider's task, which submission this is, and where it is.
/// Written before polling starts, so a server killed while polling resumes the same task instead of paying for a new one.
/// </summary>
/// <param name="Hash">The request hash (file name of the job and of the downloaded clip).</param>
/// <param name="TaskId">The provider's task id or operation name.</param>
/// <param name="Submission">1 for the first submission, 2 after a failed task was submitted again.</param>
/// <param name="State">submitted | downloaded | failed | cancelled.</param>
/// <param name="PreviousTasks">Tasks of earlier submissions that failed, with the provider's reason.</param>
public sealed record GenerationJob(
    string Provider,
    string Hash,
    string Model,
    int LengthSec,
    string TaskId,
    int Submission,
    string State,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string> PreviousTasks,
    string? Message = null)
{
    public const string Submitted = "submitted";
    public const string Downloaded = "downloaded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The generative sources' durable state under the render server's data directory: jobs at
/// <c>generative/jobs/&lt;hash&gt;.json</c>, downloaded clips at <c>generative/&lt;provider&gt;/&lt;hash&gt;.mp4</c>. Files are
/// written to a temporary name and moved into place. One lock per hash keeps two calls in this process from submitting the
/// same clip twice.
/// </summary>
public sealed class GenerationJobStore(GenerationOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The folder the composer reads clips from (clip items are relative to it).</summary>
    public string Root => Path.Combine(Path.GetFullPath(options.DataDirectory), "generative");

    public string RelativeClipPath(string provider, string hash) => $"{provider}/{hash}.mp4";

    public string ClipPath(string provider, string hash) => Path.Combine(Root, provider, hash + ".mp4");

    public bool HasClip(string provider, string hash) => File.Exists(ClipPath(provider, hash));

    private string JobPath(string hash) => Path.Combine(Root, "jobs", hash + ".json");

    public async Task<IDisposable> LockAsync(string hash, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(hash, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    public GenerationJob? Load(string hash)
    {
        var path = JobPath(hash);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<GenerationJob>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new GenerationException($"the job record '{path}' is unreadable ({ex.Message}); remove it to submit the clip again", ex);
        }
    }

    /// <summary>Writes the job; deliberately not cancellable: a task id the provider already has must reach the disk.</summary>
    public async Task SaveAsync(GenerationJob job)
    {
        var path = JobPath(job.Hash);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.partial";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(job), CancellationToken.None).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
