using AiVideo.Core.Channels;
using AiVideo.Core.Workspace;

namespace AiVideo.Host.Pipeline;

/// <summary>The music of one run as assemble_video takes it: a workspace-relative track and its levels.</summary>
/// <param name="TrackPath">Workspace-relative copy of the track.</param>
/// <param name="Source">The operator's file it was copied from.</param>
public sealed record MusicBed(string TrackPath, string Source, double VolumeDb, double DuckDb);

/// <summary>
/// Picks the run's track from the channel's music folder (<see cref="MusicTracks.Pick"/>: stable per run id) and copies it
/// into the run's workspace folder — the Render server reads only inside its workspace. Idempotent: a copy already in place
/// with the same length is kept (executors run at least once).
/// </summary>
public sealed class MusicTrackStager(ArtifactWorkspace workspace)
{
    public async Task<MusicBed?> StageAsync(RunContext run, CancellationToken cancellationToken)
    {
        if (run.Channel.Music is not { } music) return null;
        var source = MusicTracks.Pick(MusicTracks.List(music.Path), run.RunId);
        var relative = run.Artifact("music" + Path.GetExtension(source).ToLowerInvariant());
        var target = workspace.ResolveForWrite(relative);
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(source).Length)
        {
            var temp = $"{target}.{Guid.NewGuid():N}.partial";
            try
            {
                await using (var from = File.OpenRead(source))
                await using (var to = File.Create(temp))
                {
                    await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
                }
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return new MusicBed(relative, source, music.VolumeDb, music.DuckDb);
    }
}
