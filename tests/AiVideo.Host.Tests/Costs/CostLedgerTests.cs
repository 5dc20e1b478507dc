using AiVideo.Core.Costs;
using AiVideo.Core.Domain;
using AiVideo.Host.Costs;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Costs;

/// <summary>The run store's cost ledger: reservations against the video, day and month caps, on a real SQLite file.</summary>
public class CostLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private RunStore Store() => RunStore.ForOutput(_dir.Path);

    private static CostReservationRequest Call(string run, decimal estimate, BudgetCaps caps, DateTimeOffset? at = null, string channel = "chan", string? key = null) =>
        new(run, channel, "priced", "render_shot", key ?? $"render:{Guid.NewGuid():N}", estimate, caps, at ?? Noon);

    private static BudgetCaps Caps(decimal video, decimal? day = null, decimal? month = null) =>
        new() { MaxCostUsdPerVideo = video, MaxCostUsdPerDay = day, MaxCostUsdPerMonth = month };

    [Fact]
    public void Reserve_WithinEveryCap_IsGranted_AndCountsItsEstimateUntilSettledAtTheActualCost()
    {
        var store = Store();
        var caps = Caps(1, 1, 1);

        var first = store.Reserve(Call("r1", 0.40m, caps));
        Assert.True(first.Granted);
        Assert.Equal(0.40m, store.CommittedSpend("r1", "chan", Noon).Video);

        store.Settle(first.Id, 0.25m);

        Assert.Equal(new CommittedSpend(0.25m, 0.25m, 0.25m), store.CommittedSpend("r1", "chan", Noon));
        var (provider, totals) = Assert.Single(store.RunCosts("r1"));
        Assert.Equal(("priced", 1, 0.40m, 0.25m, 0m), (provider, totals.Calls, totals.EstimatedUsd, totals.ActualUsd, totals.ReservedOpenUsd));
    }

    [Fact]
    public void Reserve_OverTheVideoCap_IsRefusedAndRecorded_WhileAnotherRunOfTheChannelStillFits()
    {
        var store = Store();
        var caps = Caps(video: 0.50m);
        store.Settle(store.Reserve(Call("r1", 0.30m, caps)).Id, 0.30m);

        var refused = store.Reserve(Call("r1", 0.30m, caps));
        var otherRun = store.Reserve(Call("r2", 0.30m, caps));

        Assert.Equal(BudgetLevel.Video, refused.Breach!.Level);
        Assert.Equal(0.30m, refused.Breach.CommittedUsd);
        Assert.True(otherRun.Granted);
        Assert.Equal(1, store.RunCosts("r1").Single().Totals.Refused);
        Assert.Equal(0.30m, store.CommittedSpend("r1", "chan", Noon).Video);
    }

    [Fact]
    public void Reserve_OverTheDayCap_AcrossRunsOfTheChannel_IsRefused_TheNextUtcDayIsNot()
    {
        var store = Store();
        var caps = Caps(video: 10, day: 1.00m);
        store.Settle(store.Reserve(Call("r1", 0.70m, caps)).Id, 0.70m);

        var sameDay = store.Reserve(Call("r2", 0.40m, caps, Noon.AddHours(11)));
        var nextDay = store.Reserve(Call("r2", 0.40m, caps, Noon.AddHours(12.5)));
        var otherChannel = store.Reserve(Call("r3", 0.40m, caps, channel: "other"));

        Assert.Equal(BudgetLevel.Day, sameDay.Breach!.Level);
        Assert.True(nextDay.Granted);
        Assert.True(otherChannel.Granted);
    }

    [Fact]
    public void Reserve_OverTheMonthCap_AcrossDays_IsRefused_TheNextUtcMonthIsNot()
    {
        var store = Store();
        var caps = Caps(video: 10, day: 10, month: 1.00m);
        store.Settle(store.Reserve(Call("r1", 0.60m, caps, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero))).Id, 0.60m);
        store.Reserve(Call("r2", 0.30m, caps, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero))); // reserved, still open: counts

        var refused = store.Reserve(Call("r3", 0.20m, caps, new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)));
        var january = store.Reserve(Call("r3", 0.20m, caps, new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.Zero)));

        Assert.Equal(BudgetLevel.Month, refused.Breach!.Level);
        Assert.Equal(0.90m, refused.Breach.CommittedUsd);
        Assert.True(january.Granted);
    }

    [Fact]
    public void Reserve_FreeCallUnderZeroCaps_IsRecordedAtZero_NeverBlocked()
    {
        var store = Store();

        var free = store.Reserve(Call("r1", 0m, Caps(0, 0, 0)));
        var paid = store.Reserve(Call("r1", 0.01m, Caps(0, 0, 0)));

        Assert.True(free.Granted);
        Assert.Equal(BudgetLevel.Video, paid.Breach!.Level);
        store.Settle(free.Id, 0);
        var totals = store.RunCosts("r1").Single().Totals;
        Assert.Equal((1, 0m, 1), (totals.Calls, totals.ActualUsd, totals.Refused));
    }

    [Fact]
    public void Reserve_SameCallKeyStillReservedByADeadDriver_KeepsTheOldReservationAsSpentAtItsEstimate()
    {
        var store = Store();
        var caps = Caps(video: 1);
        store.Reserve(Call("r1", 0.30m, caps, key: "render:s01-a1")); // the process died during this call

        var again = store.Reserve(Call("r1", 0.30m, caps, key: "render:s01-a1"));

        Assert.True(again.Granted);
        Assert.Equal(0.30m, again.Committed.Video);
        var totals = store.RunCosts("r1").Single().Totals;
        Assert.Equal((2, 0.30m, 0.30m), (totals.Calls, totals.ActualUsd, totals.ReservedOpenUsd));
    }

    [Fact]
    public void CloseOpenReservations_RunEndedWithACallStillReserved_CountsItAsSpentAtItsEstimate_OtherRunsUntouched()
    {
        var store = Store();
        var caps = Caps(video: 1);
        store.Reserve(Call("r1", 0.30m, caps));
        store.Reserve(Call("r2", 0.20m, caps));

        Assert.Equal(1, store.CloseOpenReservations("r1"));

        Assert.Equal((0.30m, 0m), (store.RunCosts("r1").Single().Totals.ActualUsd, store.RunCosts("r1").Single().Totals.ReservedOpenUsd));
        Assert.Equal(0.20m, store.RunCosts("r2").Single().Totals.ReservedOpenUsd);
    }

    [Fact]
    public async Task Reserve_TwoStoresOnOneFile_ManyParallelAttempts_GrantExactlyWhatFitsTheMonthCap()
    {
        // Two RunStore instances (two connections pools, as two processes on one out dir would have) and two runs.
        var stores = new[] { Store(), Store() };
        var caps = Caps(video: 100, month: 1.00m);
        using var start = new Barrier(8);
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 6; i++)
            {
                if (stores[worker % 2].Reserve(Call($"run{worker % 2}", 0.03m, caps)).Granted) Interlocked.Increment(ref granted);
            }
        })));

        Assert.Equal(33, granted); // 33 × 0.03 = 0.99 ≤ 1.00; a 34th would be 1.02
        Assert.Equal(0.99m, Store().CommittedSpend(null, "chan", Noon).Month);
        Assert.Equal(48 - 33, Store().CostRows("2026-12", "chan", byRun: false).Sum(r => r.Totals.Refused));
    }

    [Fact]
    public async Task Reserve_TwoRunsRacingForTheLastBudget_ExactlyOneGetsIt_EveryTime()
    {
        for (var round = 0; round < 5; round++)
        {
            var channel = $"c{round}";
            var caps = Caps(video: 10, month: 1.00m);
            var setup = Store();
            var earlier = setup.Reserve(Call($"earlier{round}", 0.90m, caps, channel: channel));
            Assert.True(earlier.Granted);
            setup.Settle(earlier.Id, 0.90m);
            // Each racer pauses between its cap check and its insert until the other arrives there too (at most 300 ms):
            // without the immediate transaction both would pass the check on the same committed total.
            using var checkedCaps = new Barrier(2);
            var racers = Enumerable.Range(0, 2).Select(_ => new RunStore(Path.Combine(_dir.Path, RunStore.FileName))
            {
                AfterBudgetCheck = () => checkedCaps.SignalAndWait(TimeSpan.FromMilliseconds(300)),
            }).ToArray();
            using var start = new Barrier(2);

            var results = await Task.WhenAll(racers.Select((store, i) => Task.Run(() =>
            {
                start.SignalAndWait();
                return store.Reserve(Call($"run{round}-{i}", 0.10m, caps, channel: channel)).Granted;
            })));

            Assert.Equal(1, results.Count(g => g));
        }
    }

    public void Dispose() => _dir.Dispose();
}
