using AiVideo.Host.Bench;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Bench;

public sealed class LearningBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Run_TenSeedsThirtyCycles_MemoryFedLoopBeatsMemoryOffSignificantly()
    {
        var stdout = new StringWriter();

        var result = await new LearningBenchmark(stdout, TimeProvider.System).RunAsync(new LearningOptions { OutDirectory = _dir.Path }, CancellationToken.None);

        Assert.Equal(10, result.Seeds.Count);
        Assert.True(result.Lift >= 0.20, stdout.ToString());
        Assert.True(result.P < 0.05, stdout.ToString());
        Assert.True(result.Seeds.Count(s => s.SettledStyle == s.PreferredStyle) >= 5, stdout.ToString());
        Assert.Contains("target met", stdout.ToString());
    }

    [Fact]
    public void PairedPermutation_AllPositiveDifferences_PIsOneOverTwoToTheN_AndSymmetricDifferencesAreNotSignificant()
    {
        Assert.Equal(1.0 / 1024, PairedPermutationTest.OneSidedP([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        Assert.True(PairedPermutationTest.OneSidedP([1, -1, 2, -2, 3, -3]) > 0.4);
    }

    [Fact]
    public void AudienceSimulator_SameSeed_SameHiddenPreference_DifferentSeedsDiffer()
    {
        Assert.Equal(new AudienceSimulator(3).BestStyle, new AudienceSimulator(3).BestStyle);
        Assert.True(Enumerable.Range(1, 10).Select(s => new AudienceSimulator(s).BestStyle).Distinct().Count() > 1);
    }

    public void Dispose() => _dir.Dispose();
}
