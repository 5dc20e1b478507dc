using AiVideo.Core;
using AiVideo.Core.Providers;
using AiVideo.Media.Speech;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Speech;

/// <summary>Real libespeak-ng. One provider for the class: the native library is global to the process.</summary>
[Collection(EspeakCollection.Name)]
public class EspeakVoiceProviderTests(EspeakFixture espeak) : IDisposable
{
    private const string Text = "The Moon drifts away from Earth, about four centimetres every year. ElevenLabs and NASA agree.";
    private readonly TempDirectory _dir = new("aivideo-espeak");

    private Task<SpeechResult> Say(string text, int rate = 165, string voice = "en-us", string file = "a.wav") =>
        espeak.Provider.SynthesizeAsync(new SpeechRequest(text, voice, rate, _dir.Combine(file)), CancellationToken.None);

    [Fact]
    public async Task Synthesize_OneTimingPerToken_MonotonicAndInsideTheAudio()
    {
        var result = await Say(Text);
        var tokens = Text.Split(' ');
        Assert.Equal(tokens, result.Words.Select(w => w.Word));
        Assert.Equal(22050, result.SampleRate);
        for (var i = 1; i < result.Words.Count; i++) Assert.True(result.Words[i].StartMs >= result.Words[i - 1].StartMs);
        Assert.All(result.Words, w => Assert.True(w.EndMs >= w.StartMs));
        Assert.True(result.Words[^1].EndMs <= result.DurationSec * 1000 + 1);
        Assert.True(result.Words[^1].StartMs > result.Words[0].StartMs + 2000, "timings should spread across ~5 s of speech");
    }

    [Fact]
    // libespeak keeps state between utterances: after voice switches, starts drift up to ~20 ms in one process (a
    // fresh process is byte-identical, and the Voice server stores results by input hash). Caption sync allows 80 ms.
    public async Task Synthesize_SameInputInOneProcess_TimingsAgreeWithin30Ms()
    {
        var a = await Say(Text, file: "a.wav");
        var b = await Say(Text, file: "b.wav");
        Assert.Equal(a.Words.Select(w => w.Word), b.Words.Select(w => w.Word));
        Assert.All(a.Words.Zip(b.Words), p => Assert.InRange(p.Second.StartMs - p.First.StartMs, -30, 30));
    }

    [Fact]
    public async Task Synthesize_HigherRate_ShorterAudio()
    {
        var slow = await Say(Text, rate: 120, file: "slow.wav");
        var fast = await Say(Text, rate: 300, file: "fast.wav");
        Assert.True(fast.DurationSec < slow.DurationSec * 0.7, $"{fast.DurationSec} vs {slow.DurationSec}");
    }

    [Fact]
    public async Task Synthesize_FirstWordStartsWhereTheAudioStarts()
    {
        var result = await Say("Hello world, this is a test.");
        var samples = File.ReadAllBytes(_dir.Combine("a.wav")).AsSpan(44);
        var onsetMs = -1;
        for (var i = 0; i + 1 < samples.Length; i += 2)
        {
            if (Math.Abs(BitConverter.ToInt16(samples[i..(i + 2)])) > 1000) { onsetMs = i / 2 * 1000 / 22050; break; }
        }
        Assert.InRange(result.Words[0].StartMs, onsetMs - 60, onsetMs + 60);
    }

    [Theory]
    [InlineData("en-gb")]
    [InlineData("en-us")]
    public async Task Synthesize_LanguageCodeAsVoiceId_Speaks(string voice)
    {
        var result = await Say("Pasta water boils over.", voice: voice, file: voice + ".wav");
        Assert.True(result.DurationSec > 0.5);
        Assert.Equal(4, result.Words.Count);
    }

    [Fact]
    public async Task Synthesize_EverySampleChannelsVoice_Speaks()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Samples("channels"), "*.json"))
        {
            var channel = new AiVideo.Core.Channels.ChannelProfileLoader().Load(file);
            var result = await Say("One two three.", voice: channel.Voice.Id, rate: channel.Voice.Rate, file: channel.Id + ".wav");
            Assert.True(result.DurationSec > 0.3, $"{channel.Id} voice {channel.Voice.Id}");
        }
    }

    [Fact]
    public async Task Synthesize_UnknownVoice_ListsKnownOnes()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Say("hello", voice: "xx-nowhere"));
        Assert.Contains("unknown voice 'xx-nowhere'", ex.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public async Task Synthesize_RateOutOfRange_Rejected(int rate) =>
        Assert.Contains("rate", (await Assert.ThrowsAsync<InvalidInputException>(() => Say("hello", rate: rate))).Message);

    [Fact]
    public async Task ListVoices_IncludesAmericanEnglish() =>
        Assert.Contains(await espeak.Provider.ListVoicesAsync(CancellationToken.None), v => v.Id == "en-us");

    public void Dispose() => _dir.Dispose();
}

public sealed class EspeakFixture : IDisposable
{
    public EspeakVoiceProvider Provider { get; } = new();

    public void Dispose() => Provider.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EspeakCollection : ICollectionFixture<EspeakFixture>
{
    public const string Name = "espeak";
}
