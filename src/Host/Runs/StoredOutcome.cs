using AiVideo.Core.Domain;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Runs;

/// <summary>
/// The outcome of a run whose workflow has nothing left to do, derived from the run store and the publisher instead of
/// from the workflow: confirmed ledger entries are live; an intent without confirmation is asked of the publisher
/// (<c>find_publication</c>) and counted live when it landed; every other platform is missing. Used when a resumed run's
/// checkpoint has nothing pending and no outcome was recorded — so such a run is finalised at once, never waited on.
/// </summary>
public sealed class StoredOutcome(RunStore store)
{
    public async Task<RunOutcome> DeriveAsync(RunContext run, IMediaTools? tools, string reason, CancellationToken cancellationToken)
    {
        var ledger = store.Ledger(run.RunId);
        var live = new List<PublishReceipt>();
        var missing = new List<MissingPost>();
        foreach (var platform in run.Channel.Platforms)
        {
            var entry = ledger.FirstOrDefault(l => l.Platform == platform);
            switch (entry)
            {
                case { Confirmed: true, Receipt: { } receipt }:
                    live.Add(receipt);
                    break;
                case { Confirmed: false }:
                    var landed = tools is null ? null : await tools.FindPublicationAsync(entry.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                    if (landed is null)
                    {
                        missing.Add(new MissingPost(platform, tools is null ? "publish result unknown (publisher not asked)" : "publish intent recorded but the post never landed"));
                        break;
                    }
                    var confirmed = new PublishReceipt(landed.Platform, landed.IdempotencyKey, landed.ExternalId, landed.Location, landed.Status, landed.PublishedAt, landed.Duplicate);
                    store.Confirm(entry.IdempotencyKey, confirmed);
                    live.Add(confirmed);
                    break;
                default:
                    missing.Add(new MissingPost(platform, "never published: " + reason));
                    break;
            }
        }
        var video = store.GetLatestArtifact<AssembleToolResult>(run.RunId, "assemble:") is { } a
            ? new AssembledVideo(a.VideoPath, [], new MediaInfo { DurationSec = a.DurationSec, Width = a.Width, Height = a.Height })
            : null;
        if (missing.Count == 0 && video is not null) return RunOutcome.Success(video, live);
        if (live.Count > 0) return RunOutcome.Partial(video, live, missing);
        return RunOutcome.DeadLettered(store.Ledger(run.RunId).Count > 0 ? "publish" : "finalise", reason, missing);
    }
}
