using AiVideo.Media.Speech;

namespace AiVideo.Media.Tests.Speech;

public class WordTimingMapperTests
{
    private readonly WordTimingMapper _mapper = new();

    [Fact]
    public void Map_OneEventPerWord_UsesEventTimes()
    {
        // "Hi there, you" → bytes: Hi@0, there,@3, you@10 (positions are 1-based)
        var timings = _mapper.Map("Hi there, you", [new(1, 2, 0), new(4, 5, 300), new(11, 3, 700)], 1000);
        Assert.Equal(["Hi", "there,", "you"], timings.Select(t => t.Word));
        Assert.Equal([0, 300, 700], timings.Select(t => t.StartMs));
        Assert.Equal([300, 700, 1000], timings.Select(t => t.EndMs));
    }

    [Fact]
    public void Map_TwoEventsForOneWord_KeepsTheFirst()
    {
        var timings = _mapper.Map("ElevenLabs rocks", [new(1, 6, 10), new(7, 4, 250), new(12, 5, 500)], 900);
        Assert.Equal([10, 500], timings.Select(t => t.StartMs));
    }

    [Fact]
    public void Map_OneEventForTwoWords_InterpolatesTheSecond()
    {
        var timings = _mapper.Map("look at a star", [new(1, 4, 0), new(6, 4, 400), new(11, 4, 800)], 1200);
        Assert.Equal(4, timings.Count);
        Assert.Equal([0, 400, 600, 800], timings.Select(t => t.StartMs));
    }

    [Fact]
    public void Map_ZeroLengthEvents_AreIgnored_AndMissingLastWordsSpreadToTheEnd()
    {
        var timings = _mapper.Map("one two three", [new(1, 3, 100), new(4, 0, 350)], 900);
        Assert.Equal([100, 366, 633], timings.Select(t => t.StartMs));
        Assert.Equal(900, timings[^1].EndMs);
    }

    [Fact]
    public void Map_MultiByteCharacters_UseBytePositions()
    {
        // "café noir": é is 2 bytes, so "noir" starts at byte 6 (1-based 7).
        var timings = _mapper.Map("café noir", [new(1, 5, 0), new(7, 4, 450)], 800);
        Assert.Equal([0, 450], timings.Select(t => t.StartMs));
    }
}
