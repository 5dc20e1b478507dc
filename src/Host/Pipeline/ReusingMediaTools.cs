using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Makes re-delivered steps idempotent: a voice, render or assembly result recorded for the same output path is
/// reused (when its file is still in the workspace) instead of being produced — and paid for — again. Resume and
/// DLQ retry re-deliver the last superstep's messages; this is what keeps that cheap and exact.
/// </summary>
public sealed class ReusingMediaTools(IMediaTools inner, IStepResults results, ArtifactWorkspace workspace) : DelegatingMediaTools(inner)
{
    public override Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) =>
        ReuseAsync($"voice:{outputPath}", r => r.AudioPath, 0, () => Inner.SynthesizeAsync(text, voice, outputPath, cancellationToken));

    public override Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) =>
        call.DryRun // a price quote produces nothing to reuse or record
            ? Inner.RenderShotAsync(call, progress, cancellationToken)
            : ReuseAsync($"render:{call.OutputPath}", r => r.ClipPath, null, () => Inner.RenderShotAsync(call, progress, cancellationToken));

    public override Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken) =>
        ReuseAsync($"assemble:{outputPath}", r => r.VideoPath, 0, () => Inner.AssembleAsync(shotPaths, shotDurations, narration, size, fps, outputPath, music, progress, cancellationToken));

    private async Task<T> ReuseAsync<T>(string key, Func<T, string> file, decimal? cost, Func<Task<T>> produce) where T : class
    {
        if (results.Get<T>(key) is { } recorded && workspace.TryResolveExistingFile(file(recorded)) is not null)
        {
            results.Reused(key);
            return recorded;
        }
        var result = await produce().ConfigureAwait(false);
        results.Put(key, result, cost ?? (result is RenderShotToolResult r ? r.CostUsd : 0));
        return result;
    }
}

/// <summary>Recorded step results of one run.</summary>
public interface IStepResults
{
    T? Get<T>(string key) where T : class;

    void Put<T>(string key, T value, decimal costUsd);

    /// <summary>Called when a recorded result replaced a new call (counted in progress output).</summary>
    void Reused(string key);
}
