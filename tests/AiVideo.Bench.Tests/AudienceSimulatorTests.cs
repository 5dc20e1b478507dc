using AiVideo.Bench.Common;
using AiVideo.Bench.Learning;

namespace AiVideo.Bench.Tests;

public sealed class AudienceSimulatorTests
{
    [Theory]
    [InlineData("Comets? Here is what almost nobody tells you.", "insider")]
    [InlineData("Comets. Stay to the end for the best part.", "payoff")]
    [InlineData("You won't believe this: comets.", "disbelief")]
    [InlineData("Comets. Here are the facts in under a minute.", "speed")]
    [InlineData("Did you know this about comets?", "question")]
    [InlineData("Comets. Let me explain.", "plain")]
    public void HookType_OwnFeatures(string hook, string expected) => Assert.Equal(expected, AudienceSimulator.HookType(hook));

    [Fact]
    public void SameSeed_SameHiddenPreferenceAndViews_DifferentSeedsDiffer()
    {
        Assert.Equal(new AudienceSimulator(3).BestType, new AudienceSimulator(3).BestType);
        Assert.Equal(new AudienceSimulator(3).Watch("Comets. Let me explain.", "Comets", 4), new AudienceSimulator(3).Watch("Comets. Let me explain.", "Comets", 4));
        Assert.True(Enumerable.Range(1, 10).Select(s => new AudienceSimulator(s).BestType).Distinct().Count() > 1);
    }

    [Fact]
    public void Watch_FavouriteType_HasNoRegret_OthersDo()
    {
        var audience = new AudienceSimulator(5);
        var hooks = new Dictionary<string, string>
        {
            ["insider"] = "Comets? Here is what almost nobody tells you.", ["payoff"] = "Comets. Stay to the end for the best part.",
            ["disbelief"] = "You won't believe this: comets.", ["speed"] = "Comets. Here are the facts in under a minute.",
            ["question"] = "Did you know this about comets?", ["plain"] = "Comets. Let me explain.",
        };
        var best = audience.Watch(hooks[audience.BestType], "Comets", 1);
        Assert.Equal(best.OracleScore, best.ExpectedScore);
        Assert.All(hooks.Where(h => h.Key != audience.BestType), h => Assert.True(audience.Watch(h.Value, "Comets", 1).ExpectedScore < best.OracleScore));
    }

    [Fact]
    public void BenchDraw_IsAFixedFunctionOfItsParts()
    {
        // XxHash64 of the joined parts: the same value in every process and on every machine.
        Assert.Equal(BenchDraw.Hash("audience", 3, "views"), BenchDraw.Hash("audience", 3, "views"));
        Assert.NotEqual(BenchDraw.Hash("audience", 3, "views"), BenchDraw.Hash("audience", 4, "views"));
        Assert.InRange(BenchDraw.Unit("x", 1), 0, 1);
    }

    [Fact]
    public void PairedPermutation_AllPositiveDifferences_PIsOneOverTwoToTheN_AndSymmetricDifferencesAreNotSignificant()
    {
        Assert.Equal(1.0 / 1024, PairedPermutationTest.OneSidedP([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        Assert.True(PairedPermutationTest.OneSidedP([1, -1, 2, -2, 3, -3]) > 0.4);
    }
}
