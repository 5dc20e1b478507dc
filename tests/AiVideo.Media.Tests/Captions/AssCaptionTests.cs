using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Media.Captions;

namespace AiVideo.Media.Tests.Captions;

public class AssCaptionTests
{
    private static readonly WordTiming[] Words =
    [
        new("The", 3, 180), new("Moon", 187, 420), new("drifts", 429, 800), new("away.", 815, 1300), new("{Really}", 1409, 1900),
    ];

    private static readonly VideoSize Size = new(360, 640);

    [Fact]
    public void Write_OneDialogueLinePerWord_ActiveWordHighlighted()
    {
        var cues = new CaptionCueBuilder().Build(Words);
        var ass = new AssCaptionWriter().Write(cues, Size);
        var dialogue = ass.Split('\n').Where(l => l.StartsWith("Dialogue:")).ToList();
        Assert.Equal(Words.Length, dialogue.Count);
        Assert.Contains($"{{\\c{AssCaptionWriter.HighlightColour}}}Moon{{\\c{AssCaptionWriter.TextColour}}}", dialogue[1]);
        Assert.Contains("PlayResX: 360", ass);
        Assert.Contains(",c0000,", dialogue[0]);
    }

    [Theory]
    [InlineData(0, "0:00:00.00")]
    [InlineData(187, "0:00:00.18")]
    [InlineData(61_999, "0:01:01.99")]
    [InlineData(3_723_450, "1:02:03.45")]
    public void Time_FloorsToCentiseconds(int ms, string expected) => Assert.Equal(expected, AssCaptionWriter.Time(ms));

    [Fact]
    public void Escape_BracesAndBackslashesStayLiteral() =>
        Assert.Equal("\\{a\\}/n", AssCaptionWriter.Escape("{a}\\n"));

    [Fact]
    public void WriteThenRead_RoundTripsCues_AndPassesCaptionSync()
    {
        var cues = new CaptionCueBuilder().Build(Words);
        var read = new AssCaptionReader().Read(new AssCaptionWriter().Write(cues, Size));
        Assert.Equal(cues.Select(c => c.Text), read.Select(c => c.Text));
        Assert.All(cues.Zip(read), p => Assert.InRange(p.First.StartMs - p.Second.StartMs, 0, 9));
        var gate = new CaptionSyncGate().Evaluate(Words, read);
        Assert.True(gate.Passed, gate.Reason);
    }
}
