using AiVideo.Core.Costs;
using AiVideo.Core.Domain;
using AiVideo.Host.Costs;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Costs;

/// <summary>quote → reserve → call → settle, or release when the call fails; never call over a cap.</summary>
public class SpendingGuardTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RunStore _store;

    public SpendingGuardTests() => _store = RunStore.ForOutput(_dir.Path);

    private SpendingGuard Guard(decimal videoCap) => new(_store, new BudgetScope("r1", "chan", new BudgetCaps { MaxCostUsdPerVideo = videoCap }), TimeProvider.System);

    private static Func<CancellationToken, Task<CostQuote>> Quote(decimal usd) => _ => Task.FromResult(new CostQuote("priced", usd));

    [Fact]
    public async Task SpendAsync_CallReturns_SettlesAtTheActualCostTheToolReports()
    {
        var result = await Guard(1).SpendAsync("render_shot", "k1", Quote(0.30m), _ => Task.FromResult(0.25m), actual => actual, CancellationToken.None);

        Assert.Equal(0.25m, result);
        var totals = _store.RunCosts("r1").Single().Totals;
        Assert.Equal((0.30m, 0.25m, 0m), (totals.EstimatedUsd, totals.ActualUsd, totals.ReservedOpenUsd));
    }

    [Fact]
    public async Task SpendAsync_OverTheCap_ThrowsBudgetExceeded_AndNeverMakesTheCall()
    {
        var called = false;

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => Guard(0.10m).SpendAsync("render_shot", "k1", Quote(0.30m),
            _ => { called = true; return Task.FromResult(0m); }, a => a, CancellationToken.None));

        Assert.False(called);
        Assert.StartsWith("budget:", ex.Message);
        Assert.Equal(BudgetLevel.Video, ex.Breach.Level);
        Assert.Equal(1, _store.RunCosts("r1").Single().Totals.Refused);
    }

    [Fact]
    public async Task SpendAsync_CallThrows_ReleasesTheReservation_SoTheBudgetIsFreeAgain()
    {
        var guard = Guard(0.30m);

        await Assert.ThrowsAsync<IOException>(() => guard.SpendAsync<decimal>("render_shot", "k1", Quote(0.30m), _ => throw new IOException("provider down"), a => a, CancellationToken.None));
        var after = await guard.SpendAsync("render_shot", "k2", Quote(0.30m), _ => Task.FromResult(0.30m), a => a, CancellationToken.None);

        Assert.Equal(0.30m, after);
        var totals = _store.RunCosts("r1").Single().Totals;
        Assert.Equal((1, 1, 0.30m, 0m), (totals.Released, totals.Calls, totals.ActualUsd, totals.ReservedOpenUsd));
    }

    [Fact]
    public async Task SpendAsync_CancelledDuringTheCall_ReleasesTheReservation()
    {
        using var cts = new CancellationTokenSource();
        var inCall = new TaskCompletionSource();

        var spending = Guard(1).SpendAsync("render_shot", "k1", Quote(0.50m), async ct =>
        {
            inCall.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return 0.5m;
        }, a => a, cts.Token);
        await inCall.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0.50m, _store.CommittedSpend("r1", "chan", DateTimeOffset.UtcNow).Video); // reserved while in flight
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => spending);
        Assert.Equal(0m, _store.CommittedSpend("r1", "chan", DateTimeOffset.UtcNow).Video);
        Assert.Equal(1, _store.RunCosts("r1").Single().Totals.Released);
    }

    public void Dispose() => _dir.Dispose();
}
