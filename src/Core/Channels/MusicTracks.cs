using AiVideo.Core.Chaos;

namespace AiVideo.Core.Channels;

/// <summary>
/// The tracks of a channel's <c>music.path</c> (a folder of audio files, or one file) and the one a run uses: picked by a
/// stable hash of the run id (XxHash64 via <see cref="StableDraw"/>), so a run — resumed or retried in another process —
/// always gets the same track, and different runs spread over the folder.
/// </summary>
public static class MusicTracks
{
    /// <summary>Audio file types ffmpeg reads that operators keep music in.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac"];

    public static bool IsAudioFile(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The audio files at <paramref name="path"/> (the file itself, or the folder's top-level audio files), in ordinal order.</summary>
    public static IReadOnlyList<string> List(string path)
    {
        if (File.Exists(path)) return IsAudioFile(path) ? [Path.GetFullPath(path)] : [];
        if (!Directory.Exists(path)) return [];
        return Directory.EnumerateFiles(path).Where(IsAudioFile).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The run's track: the same for the same run id and folder content, on any machine and process.</summary>
    public static string Pick(IReadOnlyList<string> tracks, string runId)
    {
        if (tracks.Count == 0) throw new InvalidInputException("the music folder has no audio files");
        return tracks[(int)(StableDraw.Hash("music", runId) % (ulong)tracks.Count)];
    }
}
