namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// One video-generation API (Kling, Runway, Veo) as the shared flow of <see cref="GenerativeVisualSource"/> needs it:
/// the clip lengths and price of a request, submit a task, poll it, download its video, cancel it. One adapter per
/// provider; the polling, the job store, the cache, retries after a failed task and the fitting to the beat are shared.
/// </summary>
public interface IVideoGenerator
{
    /// <summary>The source name ("kling", "runway", "veo").</summary>
    string Name { get; }

    /// <summary>Why the generator cannot be used (no key: which settings to set); null when it can.</summary>
    string? MissingCredentials { get; }

    /// <summary>The clip lengths the provider generates for this kind of request (seconds, ascending).</summary>
    IReadOnlyList<int> ClipLengths(bool withReferenceImage);

    /// <summary>The model a request is sent to.</summary>
    string Model(bool withReferenceImage);

    /// <summary>Price per second of generated clip, USD.</summary>
    decimal UsdPerSecond(bool withReferenceImage);

    /// <summary>Settings that change the picture besides the spec (mode, negative prompt…), part of the cache key.</summary>
    string Fingerprint { get; }

    /// <summary>Submits the task; returns the provider's task id (or operation name).</summary>
    Task<string> SubmitAsync(GenerationSpec spec, CancellationToken cancellationToken);

    Task<GenerationStatus> PollAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken);

    /// <summary>Downloads the finished video to <paramref name="path"/>; <see cref="DownloadExpiredException"/> when the URL no longer works.</summary>
    Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken);

    /// <summary>Asks the provider to stop the task; false when the API has no cancellation (the task runs on and is paid).</summary>
    Task<bool> CancelAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken);
}

/// <summary>What one generated clip is asked for.</summary>
/// <param name="Prompt">The text prompt.</param>
/// <param name="Seed">The seed (sent where the API takes one).</param>
/// <param name="ReferenceImage">Absolute path of the reference image; null: text only.</param>
/// <param name="LengthSec">One of the provider's clip lengths.</param>
/// <param name="Hash">The request hash: the job's and the cached file's name, and Kling's external_task_id.</param>
public sealed record GenerationSpec(string Prompt, int Seed, string? ReferenceImage, int LengthSec, string Hash)
{
    public bool HasReference => ReferenceImage is not null;
}

public enum GenerationState
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

/// <param name="Progress">0..1 when the provider reports it (Runway), otherwise null.</param>
/// <param name="VideoUrl">The result's URL once succeeded.</param>
/// <param name="Message">The provider's reason for a failure.</param>
public sealed record GenerationStatus(GenerationState State, double? Progress = null, Uri? VideoUrl = null, string? Message = null);

/// <summary>The provider refused or failed the work in a way retrying the same call will not fix; the message says why.</summary>
public sealed class GenerationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A finished task's download URL answered 403/404/410 (expired): poll the task again for a fresh one.</summary>
public sealed class DownloadExpiredException(string message) : Exception(message);
