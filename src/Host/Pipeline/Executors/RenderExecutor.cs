using AiVideo.Core.Domain;
using AiVideo.Core.Scripts;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Render: one clip per shot, in parallel (bounded), at exactly the length the narration gives it.</summary>
[SendsMessage(typeof(ShotsRendered))]
public sealed class RenderExecutor(RunContext run, RunJournal journal, IMediaTools tools)
    : PipelineExecutor("render", "render")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var (state, attempts) = message switch
        {
            NarrationReady n => (n.State, n.State.Script!.Shots.ToDictionary(s => s.Id, _ => 1)),
            RenderRequested r => (r.State, r.Attempts.ToDictionary(kv => kv.Key, kv => kv.Value)),
            _ => throw new InvalidOperationException($"render cannot handle {message.GetType().Name}"),
        };
        var durations = ShotTimeline.RenderDurations(state.Timeline);
        var shots = state.Script!.Shots.Where(s => attempts.ContainsKey(s.Id)).ToList();
        var rendered = new System.Collections.Concurrent.ConcurrentDictionary<string, RenderedShot>();

        using (journal.Step(StepName))
        {
            await Parallel.ForEachAsync(shots, new ParallelOptions { MaxDegreeOfParallelism = run.RenderConcurrency, CancellationToken = cancellationToken }, async (shot, ct) =>
            {
                var attempt = attempts[shot.Id];
                var duration = durations.TryGetValue(shot.Id, out var d) ? d : shot.DurationSec;
                var progress = new Progress<double>(f => journal.Progress.Percent(StepName, $"{shot.Id} (attempt {attempt})", f));
                var call = new ShotRenderCall(shot, run.Channel.Render.Seed, duration, run.ShotSize, run.Fps, attempt, run.Artifact($"shots/{shot.Id}-a{attempt}.mp4"))
                {
                    ChannelId = run.Channel.Id,
                    RunId = run.RunId,
                    Overlay = run.Channel.Render.KineticText ? KeyPhraseOf(state.Script!, shot.Id) : null,
                    Font = run.Channel.Render.Font,
                };
                var result = await tools.RenderShotAsync(call, progress, ct).ConfigureAwait(false);
                rendered[shot.Id] = new RenderedShot(shot.Id, result.ClipPath, result.Provider, result.Seed, result.DurationSec, attempt, result.CostUsd);
            }).ConfigureAwait(false);
        }

        var all = new Dictionary<string, RenderedShot>(state.Shots);
        foreach (var (id, shot) in rendered) all[id] = shot;
        return new ShotsRendered(state with { Shots = all }, rendered.Keys.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The key phrase of the first beat shown over the shot (none when no beat uses it).</summary>
    private static string? KeyPhraseOf(VideoScript script, string shotId) =>
        script.Beats.FirstOrDefault(b => b.ShotId == shotId) is { } beat && KeyPhrase.From(beat.Text) is { Length: > 0 } phrase ? phrase : null;
}
