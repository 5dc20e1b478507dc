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
    public void Parse_Only_RoundTripsThroughToString()
    {
        var spec = ChaosSpec.Parse("rate=1,seed=3,only=drifted_shot+misspelled_brand")!;

        Assert.Equal("drifted_shot+misspelled_brand", spec.Only);
        Assert.Equal(spec, ChaosSpec.Parse(spec.ToString()));
        Assert.True(spec.Allows("DriftedShot"));
        Assert.False(spec.Allows("Transient"));
        Assert.Throws<InvalidInputException>(() => ChaosSpec.Parse("rate=1,only=Drifted Shot"));
    }

    [Fact]
    public void Dice_Only_RollsOnlyTheNamedKinds_AndNothingWhenNoneIsLeft()
    {
        var spec = new ChaosSpec(1, 5, Only: "truncated_file");
        var dice = new ChaosDice(spec, "render");
        Assert.All(Enumerable.Range(0, 50).Select(i => dice.Roll([DayOfWeek.Monday, DayOfWeek.Tuesday], $"k{i}")), r => Assert.Null(r));
        var faults = new ChaosDice(spec with { Only = "tuesday" }, "render");
        Assert.All(Enumerable.Range(0, 50).Select(i => faults.Roll([DayOfWeek.Monday, DayOfWeek.Tuesday], $"k{i}")), r => Assert.Equal(DayOfWeek.Tuesday, r));
    }

    [Fact]
    public void Parse_Empty_IsOff() => Assert.Null(ChaosSpec.Parse(" "));

    [Fact]
    public void Dice_SameSeedAndProvider_RollTheSameFaults()
    {
        int?[] Rolls(string provider)
        {
            var dice = new ChaosDice(new ChaosSpec(0.3, 7), provider);
            return Enumerable.Range(0, 200).Select(i => dice.Roll([1, 2, 3], $"call{i}")).ToArray();
        }
        Assert.Equal(Rolls("render"), Rolls("render"));
        Assert.NotEqual(Rolls("render"), Rolls("voice"));
    }

    [Fact]
    public void Dice_OrderOfCalls_DoesNotChangeAnyCallsRoll()
    {
        var keys = Enumerable.Range(0, 100).Select(i => $"runs/r{i}/shot.mp4").ToList();
        var forward = new ChaosDice(new ChaosSpec(0.4, 11), "render");
        var backward = new ChaosDice(new ChaosSpec(0.4, 11), "render");
        var a = keys.ToDictionary(k => k, k => (forward.Roll([1, 2, 3], k), forward.Roll([1, 2, 3], k)));
        var b = keys.AsEnumerable().Reverse().ToDictionary(k => k, k => (backward.Roll([1, 2, 3], k), backward.Roll([1, 2, 3], k)));
        Assert.All(keys, k => Assert.Equal(a[k], b[k]));
        Assert.Contains(keys, k => a[k].Item1 != a[k].Item2); // a retry of the same call rolls afresh
    }

    private const ulong PinnedHashOfPin = 15319023952281957688UL;

    [Fact]
    public void StableDraw_KnownInputs_GiveFixedValues()
    {
        // Pinned: a change here means every seeded benchmark and chaos run changes across versions.
        Assert.Equal(StableDraw.Hash(7, "render", "x", 1), StableDraw.Hash(7, "render", "x", 1));
        Assert.NotEqual(StableDraw.Hash(7, "render", "x", 1), StableDraw.Hash(7, "render", "x", 2));
        Assert.Equal(PinnedHashOfPin, StableDraw.Hash("pin"));
    }

    [Fact]
    public void Dice_FaultShare_IsCloseToTheRate()
    {
        var dice = new ChaosDice(new ChaosSpec(0.1, 3), "x");
        var faults = Enumerable.Range(0, 5000).Count(i => dice.Roll([1], $"call{i}") is not null);
        Assert.InRange(faults, 400, 600);
    }
}
