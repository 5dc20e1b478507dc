using AiVideo.Core.Domain;
using AiVideo.Core.Gates;

namespace AiVideo.Core.Tests.Gates;

public class MediaQaGatesTests
{
    private static readonly QaSettings Qa = new();

    private static MediaInfo Info(double audio = 30, double video = 30, int w = 1080, int h = 1920, long bytes = 20_000_000) =>
        new() { DurationSec = Math.Max(audio, video), AudioDurationSec = audio, VideoDurationSec = video, Width = w, Height = h, SizeBytes = bytes };

    [Theory]
    [InlineData(-14.3, true)]
    [InlineData(-15.4, true)]
    [InlineData(-12.6, true)]
    [InlineData(-16.0, false)]
    [InlineData(-9.0, false)]
    public void Loudness_WithinToleranceOfTarget(double lufs, bool passes)
    {
        var result = new LoudnessGate().Evaluate(lufs, Qa);
        Assert.Equal(passes, result.Passed);
        Assert.Equal(lufs, result.Value);
    }

    [Fact]
    public void Loudness_NoMeasurement_Fails() =>
        Assert.Contains("no loudness measurement", new LoudnessGate().Evaluate(double.NegativeInfinity, Qa).Reason);

    [Theory]
    [InlineData(-1.5, true)]
    [InlineData(-1.0, true)]
    [InlineData(-0.2, false)] // what the reliability benchmark's own check found on one published video
    public void Loudness_TruePeakAtOrUnderTheCeiling(double truePeak, bool passes)
    {
        var result = new LoudnessGate().Evaluate(-14.2, truePeak, Qa);
        Assert.Equal(passes, result.Passed);
        Assert.Contains($"true peak {truePeak.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} dBTP", result.Reason);
    }

    [Fact]
    public void Loudness_TruePeakCeiling_IsTheChannels() =>
        Assert.True(new LoudnessGate().Evaluate(-14, -0.2, Qa with { MaxTruePeakDbtp = 0 }).Passed);

    [Fact]
    public void Loudness_ChannelTargetAndTolerance_AreUsed() =>
        Assert.True(new LoudnessGate().Evaluate(-23.5, Qa with { LoudnessTargetLufs = -23, LoudnessToleranceLu = 1 }).Passed);

    [Theory]
    [InlineData(30.0, 30.1, true)]
    [InlineData(30.0, 31.0, false)]
    [InlineData(12.0, 30.0, false)]
    public void AvDuration_StreamsMustLastEquallyLong(double audio, double video, bool passes) =>
        Assert.Equal(passes, new AvDurationGate().Evaluate(Info(audio, video), Qa).Passed);

    [Fact]
    public void AvDuration_MissingAudio_Fails() =>
        Assert.Contains("audio none", new AvDurationGate().Evaluate(new MediaInfo { VideoDurationSec = 3 }, Qa).Reason);

    [Fact]
    public void PlatformLimits_ShortVertical_FitsEveryPlatform() =>
        Assert.True(new PlatformLimitsGate().Evaluate(Info(), [PlatformNames.TikTok, PlatformNames.YouTubeShorts, PlatformNames.InstagramReels]).Passed);

    [Fact]
    public void PlatformLimits_TooLongForShorts_FailsNamingThePlatform()
    {
        var result = new PlatformLimitsGate().Evaluate(Info(200, 200), [PlatformNames.TikTok, PlatformNames.YouTubeShorts]);
        Assert.False(result.Passed);
        Assert.Contains("youtube_shorts: 200 s is over 180 s", result.Reason);
        Assert.DoesNotContain("tiktok", result.Reason);
    }

    [Fact]
    public void PlatformLimits_LandscapeOrTooBig_Fails()
    {
        Assert.Contains("not 9:16", new PlatformLimitsGate().Evaluate(Info(w: 1920, h: 1080), [PlatformNames.TikTok]).Reason);
        Assert.Contains("MB is over", new PlatformLimitsGate().Evaluate(Info(bytes: 300_000_000), [PlatformNames.TikTok]).Reason);
        Assert.True(new PlatformLimitsGate().Evaluate(Info(w: 1920, h: 1080), [PlatformNames.Webhook]).Passed);
    }
}
