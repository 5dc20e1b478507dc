namespace AiVideo.Core.Domain;

/// <summary>The music under a video's narration and the ducking measured on it as it was mixed.</summary>
/// <param name="Track">The operator's track that was used.</param>
/// <param name="DuckDepthDb">How far the music was pulled down while the voice spoke (un-ducked minus ducked level, dB).</param>
/// <param name="LevelDuringSpeechDbfs">RMS level of the music under the voice, dBFS.</param>
/// <param name="LevelInPausesDbfs">RMS level of the music in pauses long enough for it to come back up; null when the voice never pauses that long.</param>
/// <param name="VolumeDb">Configured bed level relative to the narration's loudness target.</param>
/// <param name="DuckDb">Configured ducking depth.</param>
public sealed record MusicMix(string Track, double? DuckDepthDb, double? LevelDuringSpeechDbfs, double? LevelInPausesDbfs, double SpeechSec, double PauseSec,
    double VolumeDb, double DuckDb);
