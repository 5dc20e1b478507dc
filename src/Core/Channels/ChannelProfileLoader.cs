using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Core.Costs;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;

namespace AiVideo.Core.Channels;

/// <summary>Reads and validates a channel profile file. Every problem is reported in one clear message.</summary>
public sealed partial class ChannelProfileLoader
{
    public ChannelProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"channel file '{path}' does not exist");
        }
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="baseDirectory">What relative paths in the profile (<c>visuals.library.path</c>, <c>music.path</c>) are
    /// relative to: the channel file's folder when loaded from a file; the current directory when null.</param>
    public ChannelProfile Parse(string json, string source = "channel", string? baseDirectory = null)
    {
        ChannelProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ChannelProfile>(json, AiVideoJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{source} is not a valid channel profile: {ex.Message}");
        }
        if (profile is null)
        {
            throw new InvalidInputException($"{source} is empty");
        }
        if (profile.Visuals?.Library is { Path.Length: > 0 } library && !Path.IsPathFullyQualified(library.Path))
        {
            var absolute = Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), library.Path));
            profile = profile with { Visuals = profile.Visuals with { Library = library with { Path = absolute } } };
        }
        if (profile.Music is { Path.Length: > 0 } music)
        {
            profile = profile with { Music = music with { Path = Path.GetFullPath(music.Path, baseDirectory ?? Directory.GetCurrentDirectory()) } };
        }
        var problems = Validate(profile);
        if (problems.Count > 0)
        {
            throw new InvalidInputException($"{source}: {string.Join("; ", problems)}");
        }
        return profile;
    }

    public static IReadOnlyList<string> Validate(ChannelProfile p)
    {
        var problems = new List<string>();
        if (!IdPattern().IsMatch(p.Id ?? ""))
        {
            problems.Add($"id '{p.Id}' must be 1–48 characters of a-z, 0-9, '-' or '_'");
        }
        if (string.IsNullOrWhiteSpace(p.Name)) problems.Add("name is required");
        if (string.IsNullOrWhiteSpace(p.Niche)) problems.Add("niche is required");
        if (p.Platforms.Count == 0) problems.Add("platforms must list at least one platform");
        foreach (var platform in p.Platforms.Where(x => !PlatformNames.IsKnown(x)))
        {
            problems.Add(PlatformNames.UnknownMessage(platform));
        }
        if (p.Voice.Rate is < 80 or > 450) problems.Add($"voice.rate {p.Voice.Rate} must be 80..450 words per minute");
        if (string.IsNullOrWhiteSpace(p.Voice.Id)) problems.Add("voice.id is required");
        ValidateVoice(p.Voice, problems);
        if (p.Render.DriftThreshold is < 0 or > 1) problems.Add($"render.driftThreshold {p.Render.DriftThreshold} must be 0..1");
        if (p.Render.MaxRerenders is < 0 or > 5) problems.Add($"render.maxRerenders {p.Render.MaxRerenders} must be 0..5");
        ValidateVisuals(p.Visuals, problems);
        if (p.Budget is null) problems.Add("budget must be an object (e.g. { \"maxCostUsdPerVideo\": 0 })");
        else problems.AddRange(BudgetCheck.Validate(p.Budget));
        if (p.Music is { } music) ValidateMusic(music, problems);
        return problems;
    }

    private static void ValidateVoice(VoiceSettings voice, List<string> problems)
    {
        if (!AiVideo.Core.Providers.VoiceProviderNames.IsKnown(voice.Provider))
        {
            problems.Add($"voice.provider '{voice.Provider}' is unknown (known: {string.Join(", ", AiVideo.Core.Providers.VoiceProviderNames.All)})");
            return;
        }
        if (voice.Model is not null && (string.IsNullOrWhiteSpace(voice.Model) || voice.Model.Length > 100)) problems.Add("voice.model must be a model name (1..100 characters) or absent for the server's default");
        if (voice.Model is not null && voice.Provider == AiVideo.Core.Providers.VoiceProviderNames.Espeak) problems.Add("voice.model applies to cloud voices only (provider is 'espeak')");
        if (voice.Settings is { } settings) problems.AddRange(settings.Validate(voice.Provider, "voice.settings"));
    }

    private static void ValidateVisuals(VisualsSettings? visuals, List<string> problems)
    {
        if (visuals is null)
        {
            problems.Add("visuals must be an object");
            return;
        }
        if (visuals.Sources is null || visuals.Sources.Count == 0)
        {
            problems.Add($"visuals.sources must list at least one source ({string.Join(", ", VisualSources.All)})");
            return;
        }
        foreach (var name in visuals.Sources.Where(s => !VisualSources.All.Contains(s ?? "", StringComparer.Ordinal)))
        {
            problems.Add($"visuals.sources: unknown source '{name}' (known: {string.Join(", ", VisualSources.All)})");
        }
        if (visuals.Sources.Distinct(StringComparer.Ordinal).Count() != visuals.Sources.Count) problems.Add("visuals.sources lists a source twice");
        if (visuals.Library is { AvoidRecentVideos: < 0 or > 1000 } l) problems.Add($"visuals.library.avoidRecentVideos {l.AvoidRecentVideos} must be 0..1000");
        if (!visuals.Sources.Contains(VisualSources.Library, StringComparer.Ordinal)) return;
        if (visuals.Library is not { Path.Length: > 0 } library)
        {
            problems.Add("visuals.sources lists 'library' but visuals.library.path is not set (a folder of your clips and stills)");
        }
        else if (File.Exists(library.Path))
        {
            problems.Add($"visuals.library.path '{library.Path}' is a file, not a folder");
        }
        else if (!Directory.Exists(library.Path))
        {
            problems.Add($"visuals.library.path '{library.Path}' does not exist (relative paths are relative to the channel file)");
        }
    }

    /// <summary>Music levels the assembler accepts (louder than −10 LU, music in pauses would push the mix off its loudness target).</summary>
    public const double MinMusicVolumeDb = -40, MaxMusicVolumeDb = -10, MaxMusicDuckDb = 40;

    private static void ValidateMusic(MusicSettings music, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(music.Path))
        {
            problems.Add("music.path is required (a folder of audio tracks or one audio file); remove \"music\" for no music");
        }
        else if (!File.Exists(music.Path) && !Directory.Exists(music.Path))
        {
            problems.Add($"music.path '{music.Path}' does not exist");
        }
        else if (MusicTracks.List(music.Path).Count == 0)
        {
            problems.Add(File.Exists(music.Path)
                ? $"music.path '{music.Path}' is not an audio file ({string.Join(", ", MusicTracks.Extensions)})"
                : $"music.path '{music.Path}' has no audio files ({string.Join(", ", MusicTracks.Extensions)})");
        }
        if (music.VolumeDb is < MinMusicVolumeDb or > MaxMusicVolumeDb)
        {
            problems.Add($"music.volumeDb {music.VolumeDb} must be {MinMusicVolumeDb}..{MaxMusicVolumeDb} (dB relative to the narration's loudness)");
        }
        if (music.DuckDb is < 0 or > MaxMusicDuckDb) problems.Add($"music.duckDb {music.DuckDb} must be 0..{MaxMusicDuckDb}");
    }

    [GeneratedRegex("^[a-z0-9_-]{1,48}$")]
    private static partial Regex IdPattern();
}
