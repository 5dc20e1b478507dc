using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Library;
using AiVideo.Media.Probing;
using AiVideo.Media.Render;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// A generative visual source (<c>kling</c>, <c>runway</c>, <c>veo</c>): the shared flow over one provider's
/// <see cref="IVideoGenerator"/>. The beat is covered with the provider's clip lengths (<see cref="GenerativeClipPlanner"/>);
/// each clip is keyed by a hash of everything that shapes it (provider, model, settings, prompt, seed, reference image
/// bytes, length, attempt). A clip already downloaded is reused for free; otherwise its job is looked up
/// (<see cref="GenerationJobStore"/>): a recorded task is polled again (a resume never submits twice), else the task is
/// submitted and its id recorded before polling starts. A failed task is submitted once more, then the call fails with
/// the provider's reason. Results are downloaded at once (an expired URL → one more poll for a fresh one) and fitted to
/// the beat by <see cref="LibraryClipComposer"/> (cover-crop, trim, join, slow ≥ 0.8×, native audio dropped).
/// Cost = generated seconds not yet downloaded × the provider's price per second, exactly what <see cref="Estimate"/> says.
/// </summary>
public sealed class GenerativeVisualSource(
    IVideoGenerator generator,
    GenerationJobStore store,
    LibraryClipComposer composer,
    MediaProbe probe,
    GenerationOptions options,
    ILogger<GenerativeVisualSource> logger) : IVisualSource
{
    /// <summary>Changes when what a clip hash covers changes, so older downloads are not reused for new inputs.</summary>
    private const string HashVersion = "1";

    /// <summary>Changes when the fitting changes, so older composed shots are redone.</summary>
    private const string ComposeVersion = "1";

    /// <summary>Seed step between re-render attempts (attempt 1 uses the channel seed itself).</summary>
    public const int AttemptSeedStep = 1000;

    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(10);

    public string Name => generator.Name;

    public (decimal CostUsd, bool Reused) Estimate(VisualRequest request)
    {
        var clips = Clips(request);
        var price = generator.UsdPerSecond(request.ReferenceImage is not null);
        var missing = clips.Where(c => !store.HasClip(Name, c.Spec.Hash)).ToList();
        return (missing.Sum(c => c.Spec.LengthSec * price), missing.Count == 0);
    }

    public async Task<VisualClip> FillAsync(VisualRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var clips = Clips(request);
        var withReference = request.ReferenceImage is not null;
        var price = generator.UsdPerSecond(withReference);
        var model = generator.Model(withReference);
        decimal cost = 0;
        var reused = true;
        var parts = new List<VisualPart>();
        progress?.Report(0);
        for (var i = 0; i < clips.Count; i++)
        {
            var (plan, spec) = clips[i];
            string? taskId;
            if (store.HasClip(Name, spec.Hash))
            {
                taskId = store.Load(spec.Hash)?.TaskId;
                logger.LogInformation("{Provider} clip {Hash} is already downloaded: reused at no cost", Name, spec.Hash);
            }
            else
            {
                reused = false;
                cost += spec.LengthSec * price;
                var slice = progress is null ? null : new ScaledProgress(progress, 0.9 * i / clips.Count, 0.9 * (i + 1) / clips.Count);
                taskId = await GenerateAsync(spec, model, slice, cancellationToken).ConfigureAwait(false);
            }
            parts.Add(new VisualPart(store.RelativeClipPath(Name, spec.Hash), null, 0, plan.CoverSec, plan.Speed) { TaskId = taskId });
        }

        var duration = await ComposeAsync(request, parts, progress, cancellationToken).ConfigureAwait(false);
        progress?.Report(1);
        return new VisualClip(Name, $"{Name}/{model}", duration, cost, clips[0].Spec.Seed, model, parts, reused, Note(clips));
    }

    /// <summary>The clips that cover the request's beat, each with the spec that is sent and hashed.</summary>
    private IReadOnlyList<(PlannedClip Plan, GenerationSpec Spec)> Clips(VisualRequest request)
    {
        if (generator.MissingCredentials is { } why) throw new SourceCannotFillException(Name, why);
        var reference = request.ReferenceImage;
        string? referenceHash = null;
        if (reference is not null)
        {
            ReferenceImageFile.MimeType(reference);
            if (!File.Exists(reference)) throw new FileNotFoundException($"reference image '{Path.GetFileName(reference)}' does not exist");
            using var stream = File.OpenRead(reference);
            referenceHash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var plan = GenerativeClipPlanner.Plan(request.DurationSec, generator.ClipLengths(reference is not null));
        var model = generator.Model(reference is not null);
        return plan.Select((clip, index) =>
        {
            var prompt = index == 0 ? request.Prompt : $"{request.Prompt} (continued, shot {index + 1}: the same scene from another angle)";
            var seed = unchecked(request.ChannelSeed + AttemptSeedStep * (request.Attempt - 1) + index);
            var key = string.Join('\n', HashVersion, Name, model, generator.Fingerprint, prompt, seed.ToString(CultureInfo.InvariantCulture),
                clip.LengthSec.ToString(CultureInfo.InvariantCulture), referenceHash ?? "-", request.Attempt.ToString(CultureInfo.InvariantCulture));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
            return (clip, new GenerationSpec(prompt, seed, reference, clip.LengthSec, hash));
        }).ToList();
    }

    /// <summary>Gets one clip into the cache: resumes its recorded task or submits it, polls, downloads. Returns the task id.</summary>
    private async Task<string> GenerateAsync(GenerationSpec spec, string model, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var _ = await store.LockAsync(spec.Hash, cancellationToken).ConfigureAwait(false);
        var job = store.Load(spec.Hash);
        if (store.HasClip(Name, spec.Hash)) return job?.TaskId ?? "";
        if (job is { State: GenerationJob.Submitted or GenerationJob.Downloaded })
        {
            logger.LogInformation("{Provider} resumes task {Task} (submission {Submission}) for clip {Hash}: polling, not submitting", Name, job.TaskId, job.Submission, spec.Hash);
        }
        else
        {
            job = await SubmitAsync(spec, model, 1, [], cancellationToken).ConfigureAwait(false);
        }
        progress?.Report(0.05);

        while (true)
        {
            var status = await PollUntilDoneAsync(spec, job, progress, cancellationToken).ConfigureAwait(false);
            if (status.State == GenerationState.Succeeded)
            {
                await DownloadAsync(spec, job, status.VideoUrl!, cancellationToken).ConfigureAwait(false);
                await store.SaveAsync(job with { State = GenerationJob.Downloaded }).ConfigureAwait(false);
                progress?.Report(1);
                return job.TaskId;
            }
            logger.LogWarning("{Provider} task {Task} for clip {Hash} failed (submission {Submission}): {Reason}", Name, job.TaskId, spec.Hash, job.Submission, status.Message);
            var history = job.PreviousTasks.Append($"{job.TaskId}: {status.Message}").ToList();
            if (job.Submission >= 2)
            {
                await store.SaveAsync(job with { State = GenerationJob.Failed, Message = status.Message }).ConfigureAwait(false);
                throw new GenerationException($"{Name} could not generate the shot: task {job.TaskId} failed ({status.Message}) after one resubmission " +
                    $"(earlier: {string.Join("; ", job.PreviousTasks)})");
            }
            job = await SubmitAsync(spec, model, job.Submission + 1, history, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<GenerationJob> SubmitAsync(GenerationSpec spec, string model, int submission, IReadOnlyList<string> previous, CancellationToken cancellationToken)
    {
        var taskId = await generator.SubmitAsync(spec, cancellationToken).ConfigureAwait(false);
        var job = new GenerationJob(Name, spec.Hash, model, spec.LengthSec, taskId, submission, GenerationJob.Submitted, DateTimeOffset.UtcNow, previous);
        await store.SaveAsync(job).ConfigureAwait(false); // before polling: a resume polls this task instead of paying again
        logger.LogInformation("{Provider} submitted task {Task} (submission {Submission}) for clip {Hash}: {Length} s on {Model}", Name, taskId, submission, spec.Hash, spec.LengthSec, model);
        return job;
    }

    private async Task<GenerationStatus> PollUntilDoneAsync(GenerationSpec spec, GenerationJob job, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var status = await generator.PollAsync(spec, job.TaskId, cancellationToken).ConfigureAwait(false);
                switch (status.State)
                {
                    case GenerationState.Succeeded or GenerationState.Failed:
                        progress?.Report(0.9);
                        return status;
                    case GenerationState.Pending:
                        progress?.Report(0.1);
                        break;
                    default:
                        progress?.Report(0.1 + 0.8 * (status.Progress ?? 0.5));
                        break;
                }
                if (waited.Elapsed + options.PollInterval > options.MaxWait)
                {
                    throw new TimeoutException($"{Name} task {job.TaskId} did not finish within {options.MaxWait.TotalSeconds:0} s ({GenerationOptions.Section}:MaxWait); " +
                        "it stays recorded: the same request again resumes polling it without submitting");
                }
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelRemoteAsync(spec, job).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Best effort: asks the provider to stop; a cancelled task is recorded so the next request submits afresh.</summary>
    private async Task CancelRemoteAsync(GenerationSpec spec, GenerationJob job)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CancelTimeout);
            if (await generator.CancelAsync(spec, job.TaskId, timeout.Token).ConfigureAwait(false))
            {
                await store.SaveAsync(job with { State = GenerationJob.Cancelled }).ConfigureAwait(false);
                logger.LogInformation("{Provider} task {Task} cancelled", Name, job.TaskId);
            }
            else
            {
                logger.LogInformation("{Provider} task {Task} cannot be cancelled remotely; it stays recorded for the next request to collect", Name, job.TaskId);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("{Provider} task {Task} could not be cancelled: {Reason}", Name, job.TaskId, ex.Message);
        }
    }

    /// <summary>Downloads the result and checks it; an expired URL gets one more poll for a fresh URL, then a clear error.</summary>
    private async Task DownloadAsync(GenerationSpec spec, GenerationJob job, Uri url, CancellationToken cancellationToken)
    {
        var path = store.ClipPath(Name, spec.Hash);
        try
        {
            await generator.DownloadAsync(url, path, cancellationToken).ConfigureAwait(false);
        }
        catch (DownloadExpiredException ex)
        {
            logger.LogWarning("{Provider} task {Task}: {Reason}; polling again for a fresh URL", Name, job.TaskId, ex.Message);
            var fresh = await generator.PollAsync(spec, job.TaskId, cancellationToken).ConfigureAwait(false);
            if (fresh is not { State: GenerationState.Succeeded, VideoUrl: { } again })
            {
                throw new GenerationException($"{Name}: the video of task {job.TaskId} expired and polling again gave no fresh URL ({fresh.State}: {fresh.Message})");
            }
            try
            {
                await generator.DownloadAsync(again, path, cancellationToken).ConfigureAwait(false);
            }
            catch (DownloadExpiredException second)
            {
                throw new GenerationException($"{Name}: the video of task {job.TaskId} could not be downloaded, also from the fresh URL: {second.Message}", second);
            }
        }
        await CheckClipAsync(spec, job, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A download that is not a video, or much shorter than asked for, is removed (the job stays: the next request fetches
    /// it again without paying) and reported; the composer pads at most a second.
    /// </summary>
    private async Task CheckClipAsync(GenerationSpec spec, GenerationJob job, string path, CancellationToken cancellationToken)
    {
        string? problem;
        try
        {
            var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
            var seconds = info.VideoDurationSec ?? info.DurationSec;
            problem = info.VideoCodec is null ? "has no video stream"
                : seconds < spec.LengthSec - 1 ? $"is {seconds.ToString("0.##", CultureInfo.InvariantCulture)} s long, not the {spec.LengthSec} s asked for"
                : null;
        }
        catch (InvalidDataException ex)
        {
            problem = $"is not readable video ({ex.Message})";
        }
        if (problem is null) return;
        File.Delete(path);
        throw new GenerationException($"{Name}: the download of task {job.TaskId} {problem}");
    }

    /// <summary>Fits the clips to the beat; a shot already composed from the same clips, size and length is kept.</summary>
    private async Task<double> ComposeAsync(VisualRequest request, IReadOnlyList<VisualPart> parts, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', ComposeVersion, JsonSerializer.Serialize(parts.Select(p => p with { TaskId = null })), request.Size.ToString(),
            request.Fps.ToString(CultureInfo.InvariantCulture), request.DurationSec.ToString("R", CultureInfo.InvariantCulture));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var sidecar = request.OutputPath + ".json";
        if (File.Exists(request.OutputPath) && File.Exists(sidecar) && ReadHash(sidecar) == hash)
        {
            return ProceduralSceneRenderer.FrameCount(request.DurationSec, request.Fps) / (double)request.Fps;
        }
        var slice = progress is null ? null : new ScaledProgress(progress, 0.9, 1);
        var duration = await composer.ComposeAsync(store.Root, parts, request.Size, request.Fps, request.DurationSec, request.OutputPath, slice, cancellationToken)
            .ConfigureAwait(false);
        var temp = $"{sidecar}.{Guid.NewGuid():N}.partial";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new GeneratedShotSidecar(hash, Name, parts)), CancellationToken.None).ConfigureAwait(false);
        File.Move(temp, sidecar, overwrite: true);
        return duration;
    }

    private static string? ReadHash(string sidecar)
    {
        try
        {
            return JsonSerializer.Deserialize<GeneratedShotSidecar>(File.ReadAllText(sidecar))?.InputHash;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Note(IReadOnlyList<(PlannedClip Plan, GenerationSpec Spec)> clips)
    {
        var notes = new List<string>();
        if (clips.Count > 1) notes.Add($"joined {clips.Count} generated clips ({string.Join(" + ", clips.Select(c => c.Spec.LengthSec + " s"))})");
        if (clips.Any(c => c.Plan.Speed < 1)) notes.Add($"slowed to {clips.Min(c => c.Plan.Speed).ToString("0.###", CultureInfo.InvariantCulture)}×");
        if (clips.Any(c => c.Plan.Speed >= 1 && c.Plan.CoverSec < c.Spec.LengthSec - 1e-6))
        {
            notes.Add("trimmed " + string.Join(", ", clips.Where(c => c.Plan.Speed >= 1 && c.Plan.CoverSec < c.Spec.LengthSec - 1e-6)
                .Select(c => $"{c.Spec.LengthSec} s to {c.Plan.CoverSec.ToString("0.##", CultureInfo.InvariantCulture)} s")));
        }
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    /// <summary>What a generated shot was composed of, kept next to it as <c>&lt;clip&gt;.json</c>.</summary>
    private sealed record GeneratedShotSidecar(string InputHash, string Source, IReadOnlyList<VisualPart> Parts);
}
