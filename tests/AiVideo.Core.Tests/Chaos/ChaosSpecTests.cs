using AiVideo.Core.Chaos;

namespace AiVideo.Core.Tests.Chaos;

public class ChaosSpecTests
{
    [Fact]
    public void Parse_Valid_ReadsRateSeedAndHang() =>
        Assert.Equal(new ChaosSpec(0.03, 7, 5), ChaosSpec.Parse("rate=0.03, seed=7, hang=5"));

    [Theory]
    [InlineData("rate=2")]
    [InlineData("rate=abc")]
    [InlineData("speed=1")]
    [InlineData("rate")]
    public void Parse_Invalid_OneLineError(string text) =>
        Assert.Contains("is not rate=0..1", Assert.Throws<InvalidInputException>(() => ChaosSpec.Parse(text)).Message);

    [Fact]
    public void Parse_Empty_IsOff() => Assert.Null(ChaosSpec.Parse(" "));

    [Fact]
    public void Dice_SameSeedAndProvider_RollTheSameFaults()
    {
        int?[] Rolls(string provider)
        {
            var dice = new ChaosDice(new ChaosSpec(0.3, 7), provider);
            return Enumerable.Range(0, 200).Select(_ => dice.Roll([1, 2, 3])).ToArray();
        }
        Assert.Equal(Rolls("render"), Rolls("render"));
        Assert.NotEqual(Rolls("render"), Rolls("voice"));
    }

    [Fact]
    public void Dice_FaultShare_IsCloseToTheRate()
    {
        var dice = new ChaosDice(new ChaosSpec(0.1, 3), "x");
        var faults = Enumerable.Range(0, 5000).Count(_ => dice.Roll([1]) is not null);
        Assert.InRange(faults, 400, 600);
    }
}
