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
}
