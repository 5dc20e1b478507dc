using AiVideo.Media.Assembly;
using AiVideo.Media.Loudness;

namespace AiVideo.Media.Tests.Assembly;

public class DuckingPlanTests
{
    [Fact]
    public void FromSilences_PausesShorterThanMinPause_KeepTheMusicDown()
    {
        // Voice 0.2–2.0, a 0.3 s sentence gap, voice to 3.5, a 1.2 s pause, voice to the end (6 s).
        var plan = DuckingPlan.FromSilences([new(0, 0.2), new(2.0, 2.3), new(3.5, 4.7)], 6, 12);

        Assert.Equal([new TimeSpanSec(0.2, 3.5), new TimeSpanSec(4.7, 6)], plan.Speech);
        var pauses = plan.PauseWindows();
        Assert.Single(pauses);
        Assert.Equal(3.5 + DuckingPlan.HoldSec + DuckingPlan.ReleaseSec, pauses[0].StartSec, 6);
        Assert.Equal(4.7 - DuckingPlan.LeadSec - DuckingPlan.AttackSec, pauses[0].EndSec, 6);
    }

    [Fact]
    public void FromSilences_SilenceOpenAtTheEnd_EndsTheLastSpeechStretchThere()
    {
        var plan = DuckingPlan.FromSilences([new(1.0, 2.0), new(3.0, null)], 4, 12);
        Assert.Equal([new TimeSpanSec(0, 1.0), new TimeSpanSec(2.0, 3.0)], plan.Speech);
    }

    [Fact]
    public void GainExpression_NoSpeech_IsUnity()
    {
        Assert.Equal("1", DuckingPlan.FromSilences([new Silence(0, null)], 3, 12).GainExpression());
    }

    [Fact]
    public async Task DuckingMeter_StemsDuckedByAQuarter_Measures12DbDeep_LevelsInWindowsOnly()
    {
        using var dir = new AiVideo.Testing.TempDirectory("aivideo-ducking-meter");
        // Voice 1–2 s of a 3 s timeline; the bed is a constant 0.2 (−14 dBFS), the ducked stem a quarter of it under the voice.
        var plan = DuckingPlan.FromSilences([new(0, 1), new(2, null)], 3, 12);
        var rate = DuckingMeter.StemSampleRate;
        var bed = Enumerable.Repeat(0.2f, 3 * rate).ToArray();
        var ducked = bed.Select((v, i) => i >= rate && i < 2 * rate ? v / 4 : v).ToArray();
        await File.WriteAllBytesAsync(dir.Combine("bed.f32"), bed.SelectMany(BitConverter.GetBytes).ToArray());
        await File.WriteAllBytesAsync(dir.Combine("ducked.f32"), ducked.SelectMany(BitConverter.GetBytes).ToArray());

        var measured = await new DuckingMeter().MeasureAsync(dir.Combine("bed.f32"), dir.Combine("ducked.f32"), plan, 0.2, 0.3, default);

        Assert.Equal(12.04, measured.DepthDb!.Value, 2);
        Assert.Equal(-26.02, measured.LevelDuringSpeechDbfs!.Value, 2);
        Assert.Equal(-13.98, measured.LevelInPausesDbfs!.Value, 2);
        Assert.Equal(1.0, measured.SpeechSec, 3);
        // Pauses: 0.2 (after the fade-in) .. 0.8 (before the ramp down), 2.45 (after hold + release) .. 2.7 (before the fade-out).
        Assert.Equal(0.6 + 0.25, measured.PauseSec, 3);
    }
}
