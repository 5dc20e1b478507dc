using System.Buffers.Binary;

namespace AiVideo.Media.Assembly;

/// <summary>
/// Measures the ducking that was actually mixed, from two stems the encode pass writes next to the video (mono float
/// PCM at <see cref="StemSampleRate"/>): the music at its bed level before ducking, and the same music after it.
/// The depth is how much lower the ducked music is than the un-ducked music while the voice speaks (energy over every
/// speech window) — the music's own loud and quiet passages cancel out; the levels are the ducked music's RMS in dBFS
/// during speech and in pauses (fades excluded), i.e. what a listener hears under and between the sentences.
/// </summary>
public sealed class DuckingMeter
{
    public const int StemSampleRate = 8000;

    public async Task<DuckingMeasurement> MeasureAsync(string bedStemPath, string duckedStemPath, DuckingPlan plan, double fadeInSec, double fadeOutSec,
        CancellationToken cancellationToken)
    {
        var bed = Samples(await File.ReadAllBytesAsync(bedStemPath, cancellationToken).ConfigureAwait(false));
        var ducked = Samples(await File.ReadAllBytesAsync(duckedStemPath, cancellationToken).ConfigureAwait(false));
        var speech = plan.DuckedWindows();
        var unfaded = new TimeSpanSec(fadeInSec, plan.DurationSec - fadeOutSec);
        var pauses = Clip(plan.PauseWindows(), unfaded);

        var bedSpeech = Energy(bed, speech);
        var duckedSpeech = Energy(ducked, speech);
        double? depth = bedSpeech.Seconds > 0 && duckedSpeech.Mean > 0 ? Db(bedSpeech.Mean / duckedSpeech.Mean) : null;
        var speechLevel = Energy(ducked, Clip(speech, unfaded));
        var pauseLevel = Energy(ducked, pauses);
        return new DuckingMeasurement(
            depth is null ? null : Math.Round(depth.Value, 2),
            speechLevel.Seconds > 0 ? Math.Round(Db(speechLevel.Mean), 2) : null,
            pauseLevel.Seconds > 0 ? Math.Round(Db(pauseLevel.Mean), 2) : null,
            Math.Round(speech.Sum(s => s.LengthSec), 3),
            Math.Round(pauses.Sum(s => s.LengthSec), 3));
    }

    private static float[] Samples(byte[] bytes)
    {
        var samples = new float[bytes.Length / 4];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4, 4));
        return samples;
    }

    /// <summary>Mean square over the windows (and how many seconds of samples they covered).</summary>
    private static (double Mean, double Seconds) Energy(float[] samples, IReadOnlyList<TimeSpanSec> windows)
    {
        double sum = 0;
        long count = 0;
        foreach (var w in windows)
        {
            var from = Math.Clamp((int)Math.Ceiling(w.StartSec * StemSampleRate), 0, samples.Length);
            var to = Math.Clamp((int)Math.Floor(w.EndSec * StemSampleRate), from, samples.Length);
            for (var i = from; i < to; i++) sum += (double)samples[i] * samples[i];
            count += to - from;
        }
        return count == 0 ? (0, 0) : (sum / count, (double)count / StemSampleRate);
    }

    private static List<TimeSpanSec> Clip(IEnumerable<TimeSpanSec> windows, TimeSpanSec within) =>
        windows.Select(w => new TimeSpanSec(Math.Max(w.StartSec, within.StartSec), Math.Min(w.EndSec, within.EndSec))).Where(w => w.LengthSec > 0).ToList();

    private static double Db(double powerRatio) => 10 * Math.Log10(Math.Max(powerRatio, 1e-12));
}

/// <param name="DepthDb">How far the music was pulled down while the voice spoke (un-ducked minus ducked, dB); null without speech.</param>
/// <param name="LevelDuringSpeechDbfs">RMS of the ducked music under the voice, dBFS.</param>
/// <param name="LevelInPausesDbfs">RMS of the music in pauses of at least <see cref="DuckingPlan.MinPauseSec"/>, dBFS; null when the voice never pauses that long.</param>
public sealed record DuckingMeasurement(double? DepthDb, double? LevelDuringSpeechDbfs, double? LevelInPausesDbfs, double SpeechSec, double PauseSec);
