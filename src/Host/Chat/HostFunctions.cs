using System.ComponentModel;
using System.Text.Json;
using AiVideo.Agents.Campaigns;
using AiVideo.Agents.Scripts;
using AiVideo.Core;
using AiVideo.Core.Json;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;
using Microsoft.SemanticKernel;

namespace AiVideo.Host.Chat;

/// <summary>
/// What the orchestrator can do in the host, as kernel functions: make a video, read runs, list channels, save a
/// campaign plan. Channels are named by id among the known channel files; runs by their id; nothing takes a path.
/// Errors come back as "error: …" text so the model can tell the operator.
/// </summary>
public sealed class HostFunctions(VideoMaker maker, MakeOptions makeDefaults, ChannelDirectory channels, RunHistory runs,
    CampaignPlanStore plans, string campaignDirectory, IRunProgress progress)
{
    [KernelFunction("make_video")]
    [Description("Makes one short video for a channel from a title and facts and publishes it to the channel's own platforms. Takes 20-60 s. Returns the outcome, the video path or the dead-letter reason, and the run id.")]
    public async Task<string> MakeVideoAsync(
        [Description("Channel id, one of list_channels")] string channel,
        [Description("Video title, 3..120 characters")] string title,
        [Description("The facts to cover, 1..12 short sentences")] string[] facts,
        [Description("Optional call to action")] string? cta = null,
        CancellationToken cancellationToken = default)
    {
        return await Guard(async () =>
        {
            var (_, profile) = channels.Resolve(channel);
            var brief = BriefFrom(title, facts, cta);
            var made = await maker.MakeAsync(profile, brief, makeDefaults, progress, cancellationToken).ConfigureAwait(false);
            return Json(new
            {
                runId = made.Report.RunId,
                outcome = made.Report.Outcome,
                video = made.FinalVideo,
                reason = made.Report.Reason,
                failedStep = made.Report.FailedStep,
                published = made.Report.Publish.Select(p => new { p.Platform, p.Location, p.Duplicate }),
            });
        }).ConfigureAwait(false);
    }

    [KernelFunction("list_runs")]
    [Description("Lists recent runs, newest first: run id, outcome, channel, title, dead-letter reason.")]
    public Task<string> ListRuns([Description("How many, 1..100")] int limit = 10) =>
        Guard(() => Task.FromResult(Json(runs.List(Math.Clamp(limit, 1, 100)))));

    [KernelFunction("show_run")]
    [Description("Shows one run: outcome, reason, steps, gate results, publish receipts, agent decisions.")]
    public Task<string> ShowRun([Description("Run id, e.g. 20261125-101500-a1b2c3")] string runId) =>
        Guard(() =>
        {
            var r = runs.Show(runId);
            return Task.FromResult(Json(new { r.RunId, r.Outcome, r.FailedStep, r.Reason, r.Title, r.Channel, r.Video, r.DurationSec, r.Steps, r.Gates, r.Publish, r.Agents }));
        });

    [KernelFunction("list_channels")]
    [Description("Lists the channels videos can be made for: id, name, niche, platforms, posting times.")]
    public Task<string> ListChannels() =>
        Guard(() => Task.FromResult(Json(channels.List().Select(c => new { c.Channel.Id, c.Channel.Name, c.Channel.Niche, c.Channel.Platforms, c.Channel.PostingTimes }))));

    [KernelFunction("save_campaign_plan")]
    [Description("Saves a campaign plan (one channel, N videos with dates and one brief each) as JSON and returns its path; run it with `aivideo campaign run <path>`.")]
    public Task<string> SaveCampaignPlan(
        [Description("Campaign name")] string name,
        [Description("Channel id, one of list_channels")] string channel,
        [Description("The videos in order: each {\"date\": \"YYYY-MM-DD\", \"brief\": {\"title\": \"...\", \"facts\": [\"...\"], \"cta\": \"...\"}}")] CampaignVideo[] videos) =>
        Guard(() =>
        {
            channels.Resolve(channel);
            var path = plans.Save(new CampaignPlan { Name = name, Channel = channel, Videos = videos ?? [] }, campaignDirectory);
            return Task.FromResult(Json(new { saved = path, videos = videos?.Length ?? 0, run = $"aivideo campaign run {path}" }));
        });

    public static Brief BriefFrom(string title, IReadOnlyList<string>? facts, string? cta)
    {
        title = (title ?? "").Trim();
        if (title.Length is < 3 or > 120) throw new InvalidInputException($"title must be 3..120 characters, got {title.Length}");
        var list = (facts ?? []).Select(f => (f ?? "").Trim()).Where(f => f.Length > 0).ToList();
        if (list.Count is < 1 or > 12) throw new InvalidInputException($"a video needs 1..12 facts, got {list.Count}");
        if (list.FirstOrDefault(f => f.Length > 400) is { } tooLong) throw new InvalidInputException($"fact '{tooLong[..40]}…' is over 400 characters");
        return new Brief(title, list, string.IsNullOrWhiteSpace(cta) ? null : cta.Trim(), []);
    }

    private static async Task<string> Guard(Func<Task<string>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (InvalidInputException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, AiVideoJson.Options);
}
