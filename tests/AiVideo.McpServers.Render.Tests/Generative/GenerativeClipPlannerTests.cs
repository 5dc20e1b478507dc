using AiVideo.McpServers.Render.Providers.Generative;

namespace AiVideo.McpServers.Render.Tests.Generative;

public sealed class GenerativeClipPlannerTests
{
    private static readonly int[] Kling = [5, 10];
    private static readonly int[] Veo = [4, 6, 8];

    [Theory]
    [InlineData(3.0, "5@3x1")]
    [InlineData(5.0, "5@5x1")]
    [InlineData(7.0, "10@7x1")]
    [InlineData(10.5, "10@10.5x0.9524")]
    [InlineData(12.5, "10@12.5x0.8")]
    [InlineData(13.0, "10@10x1 5@3x1")]
    [InlineData(20.3, "10@10x1 10@10.3x0.9709")]
    [InlineData(25.0, "10@10x1 10@10x1 5@5x1")]
    public void Plan_Kling_TrimsTheShortestCoveringClip_SlowsOneLongestUpTo0Point8_ElseJoins(double beat, string expected) =>
        Assert.Equal(expected, Describe(GenerativeClipPlanner.Plan(beat, Kling)));

    [Theory]
    [InlineData(1.0, "4@1x1")]
    [InlineData(9.0, "8@9x0.8889")]
    [InlineData(11.0, "8@8x1 4@3x1")]
    [InlineData(60.0, "8@8x1 8@8x1 8@8x1 8@8x1 8@8x1 8@8x1 8@8x1 4@4x1")]
    public void Plan_Veo_CoversTheBeatExactly(double beat, string expected) =>
        Assert.Equal(expected, Describe(GenerativeClipPlanner.Plan(beat, Veo)));

    [Fact]
    public void Plan_AnyBeatUpToAMinute_CoversItExactly_NeverBelow0Point8_NorLongerThanAClipCanGive()
    {
        for (var beat = 0.5; beat <= 60; beat += 0.1)
        {
            foreach (var lengths in new[] { Kling, Veo, [8], [2, 3, 4, 5, 6, 7, 8, 9, 10] })
            {
                var plan = GenerativeClipPlanner.Plan(beat, lengths);
                Assert.Equal(beat, plan.Sum(c => c.CoverSec), 3);
                Assert.All(plan, c => Assert.InRange(c.Speed, 0.8, 1));
                Assert.All(plan, c => Assert.True(c.CoverSec * c.Speed <= c.LengthSec + 1e-3, $"{beat}: {Describe(plan)}"));
                Assert.All(plan, c => Assert.True(c.CoverSec >= 0.25 * lengths.Max() || plan.Count == 1, $"{beat}: {Describe(plan)}"));
            }
        }
    }

    private static string Describe(IReadOnlyList<PlannedClip> plan) =>
        string.Join(' ', plan.Select(c => FormattableString.Invariant($"{c.LengthSec}@{c.CoverSec:0.####}x{c.Speed:0.####}")));
}
