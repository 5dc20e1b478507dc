using System.Collections.Concurrent;
using AiVideo.Core.Domain;
using AiVideo.Core.Scripts;
using AiVideo.Host.Mcp;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Render: one clip per shot, in parallel (bounded), at exactly the length the narration gives it. Each shot is offered
/// to the channel's visual sources in order (<c>visuals.sources</c>); a source that answers "cannot fill" (library empty,
/// nothing unused or fitting left) passes the shot to the next one. When the last source cannot fill it either, the run
/// fails with every source's reason. A re-render (drift) starts at the source that filled the shot before.
/// </summary>
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
        var rendered = new ConcurrentDictionary<string, RenderedShot>();
        var reasons = shots.ToDictionary(s => s.Id, _ => new List<string>());
        var budgetRefused = new ConcurrentDictionary<string, Costs.BudgetExceededException>();
        var pending = shots;

        using (journal.Step(StepName))
        {
            // Source by source, in the channel's order: each gets the shots the sources before it could not fill.
            foreach (var source in Sources)
            {
                var offered = pending.Where(s => Offers(s.Id, source, state)).ToList();
                if (offered.Count == 0) continue;
                // Library picks depend on each other (no item twice in a video), so they are made one at a time in script
                // order: equal runs pick equally. Every other source renders in parallel.
                var parallelism = source == VisualSources.Library ? 1 : run.RenderConcurrency;
                await Parallel.ForEachAsync(offered, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (shot, ct) =>
                {
                    var attempt = attempts[shot.Id];
                    var duration = durations.TryGetValue(shot.Id, out var d) ? d : shot.DurationSec;
                    var progress = new Progress<double>(f => journal.Progress.Percent(StepName, $"{shot.Id} (attempt {attempt})", f));
                    var call = new ShotRenderCall(shot, run.Channel.Render.Seed, duration, run.ShotSize, run.Fps, attempt, run.Artifact($"shots/{shot.Id}-a{attempt}.mp4"))
                    {
                        Source = source,
                        ChannelId = run.Channel.Id,
                        RunId = run.RunId,
                        Library = source == VisualSources.Library ? run.Channel.Visuals.Library : null,
                        Overlay = run.Channel.Render.KineticText ? KeyPhraseOf(state.Script!, shot.Id) : null,
                        Font = run.Channel.Render.Font,
                        ReferenceImage = run.Channel.Render.ReferenceImage,
                    };
                    try
                    {
                        var result = await tools.RenderShotAsync(call, progress, ct).ConfigureAwait(false);
                        rendered[shot.Id] = new RenderedShot(shot.Id, result.ClipPath, result.Provider, result.Seed, result.DurationSec, attempt, result.CostUsd)
                        {
                            Source = result.Source,
                            Parts = result.Parts ?? [],
                            Note = result.Note,
                        };
                        if (reasons[shot.Id].Count > 0) journal.Progress.Info($"shot {shot.Id}: filled by {result.Source} ({string.Join("; ", reasons[shot.Id])})");
                    }
                    catch (ToolCallException ex) when (ex.CannotFill)
                    {
                        reasons[shot.Id].Add(ex.ToolMessage);
                    }
                    catch (Costs.BudgetExceededException ex)
                    {
                        // Over a cap: the call was not made; the next source may be cheaper (or free).
                        reasons[shot.Id].Add(ex.Message);
                        budgetRefused[shot.Id] = ex;
                    }
                }).ConfigureAwait(false);
                pending = pending.Where(s => !rendered.ContainsKey(s.Id)).ToList();
                if (pending.Count == 0) break;
            }
        }

        var unfilled = pending.ToDictionary(s => s.Id, s => reasons[s.Id].Count > 0 ? string.Join("; ", reasons[s.Id]) : "no source was offered the shot");
        if (unfilled.Count > 0)
        {
            var first = unfilled.OrderBy(kv => kv.Key, StringComparer.Ordinal).First();
            if (budgetRefused.TryGetValue(first.Key, out var overCap))
            {
                // A cap stopped the shot and no other source could fill it: a budget dead letter (reason "budget: …").
                throw overCap;
            }
            return new RunFailed(StepName, $"no visual source could fill shot {first.Key} (sources {string.Join(", ", Sources)}): {first.Value}"
                + (unfilled.Count > 1 ? $"; {unfilled.Count - 1} more shot(s) unfilled" : ""));
        }
        var all = new Dictionary<string, RenderedShot>(state.Shots);
        foreach (var (id, shot) in rendered) all[id] = shot;
        return new ShotsRendered(state with { Shots = all }, rendered.Keys.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The key phrase of the first beat shown over the shot (none when no beat uses it).</summary>
    private static string? KeyPhraseOf(VideoScript script, string shotId) =>
        script.Beats.FirstOrDefault(b => b.ShotId == shotId) is { } beat && KeyPhrase.From(beat.Text) is { Length: > 0 } phrase ? phrase : null;

    private IReadOnlyList<string> Sources => run.Channel.Visuals.Sources.Count > 0 ? run.Channel.Visuals.Sources : [VisualSources.Procedural];

    /// <summary>Whether <paramref name="source"/> may fill the shot: any source of the list, but a re-render starts at the source that filled it last time.</summary>
    private bool Offers(string shotId, string source, ProductionState state) =>
        !state.Shots.TryGetValue(shotId, out var previous) || IndexOf(Sources, source) >= IndexOf(Sources, previous.Source);

    private static int IndexOf(IReadOnlyList<string> sources, string source)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (string.Equals(sources[i], source, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return 0;
    }
}
