using AiVideo.Core.Costs;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Tests.Costs;

public class BudgetCheckTests
{
    private static readonly BudgetCaps Caps = new() { MaxCostUsdPerVideo = 1, MaxCostUsdPerDay = 2, MaxCostUsdPerMonth = 3 };

    [Theory]
    [InlineData(0.5, 0, 0, 0.5, null)]           // exactly at every cap's edge is allowed
    [InlineData(0.6, 0, 0, 0.5, BudgetLevel.Video)]
    [InlineData(0, 1.6, 0, 0.5, BudgetLevel.Day)]
    [InlineData(0, 0, 2.6, 0.5, BudgetLevel.Month)]
    [InlineData(5, 5, 5, 0, null)]               // a free call is never blocked, even over every cap
    public void Check_FirstLevelTheEstimateWouldExceed(double video, double day, double month, double estimate, BudgetLevel? expected)
    {
        var breach = BudgetCheck.Check(Caps, new CommittedSpend((decimal)video, (decimal)day, (decimal)month), (decimal)estimate);
        Assert.Equal(expected, breach?.Level);
    }

    [Fact]
    public void Check_NullDayAndMonthCaps_AreNoCap_ZeroVideoCapBlocksAnyPrice()
    {
        var noCaps = new BudgetCaps { MaxCostUsdPerVideo = 1000 };
        Assert.Null(BudgetCheck.Check(noCaps, new CommittedSpend(0, 1_000_000, 1_000_000), 1));
        Assert.Equal(BudgetLevel.Video, BudgetCheck.Check(new BudgetCaps(), CommittedSpend.None, 0.000001m)?.Level);
    }

    [Fact]
    public void UsdMicros_RoundsUp_SoABudgetNeverUnderCounts()
    {
        Assert.Equal(1, UsdMicros.FromUsd(0.0000001m));
        Assert.Equal(100_000, UsdMicros.FromUsd(0.1m));
        Assert.Equal(0.1m, UsdMicros.ToUsd(100_000));
    }
}
