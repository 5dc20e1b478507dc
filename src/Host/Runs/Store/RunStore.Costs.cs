using System.Globalization;
using AiVideo.Core.Costs;
using AiVideo.Core.Domain;
using AiVideo.Host.Costs;
using Microsoft.Data.Sqlite;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// The cost ledger (<c>cost_ledger</c>, schema v3): every provider call reserved against the channel's caps before it
/// is made, then settled with its actual cost or released. Money is stored in whole micro-dollars (exact sums).
/// </summary>
public sealed partial class RunStore : ICostLedger
{
    /// <summary>What a ledger row counts against a cap: the estimate while reserved, the actual cost once spent.</summary>
    private const string CommittedMicros = "CASE state WHEN 'reserved' THEN estimated_micros WHEN 'spent' THEN actual_micros ELSE 0 END";

    private const string Measures = """
        COALESCE(SUM(CASE WHEN state IN ('spent', 'reserved') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN state IN ('spent', 'reserved') THEN estimated_micros ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN state = 'spent' THEN actual_micros ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN state = 'reserved' THEN estimated_micros ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN state = 'released' THEN 1 ELSE 0 END), 0)
        """;

    /// <summary>
    /// Runs inside <see cref="Reserve"/>'s transaction after the caps were checked and before the reservation is written:
    /// a seam for concurrency tests, to hold a reservation at its most fragile point while another process tries its own.
    /// </summary>
    public Action? AfterBudgetCheck { get; init; }

    /// <summary>
    /// One immediate (write-locking) transaction: sums what the run, the channel's UTC day and its UTC month have
    /// committed (spent + reserved), checks the caps, and inserts the reservation only when all hold — a refusal is
    /// recorded too. A second process reserving at the same moment waits for the lock and then sees this reservation,
    /// so two runs can never both take the last of a budget.
    /// </summary>
    public CostReservation Reserve(CostReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var estimate = UsdMicros.FromUsd(request.EstimateUsd);
        var (day, month) = DayAndMonth(request.At);
        var at = request.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        using var write = _writes.EnterScope();
        var c = Writer();
        using var tx = c.BeginTransaction(deferred: false);
        // Still reserved under this key: the driver that reserved it died during the call (only the lease holder drives a
        // run, one call per key at a time). The provider may have billed it: it stays counted, as spent at its estimate.
        Exec(c, """
            UPDATE cost_ledger SET state = 'spent', actual_micros = estimated_micros, settled_at = $at, reason = 'interrupted during the call: counted at its estimate'
            WHERE run_id = $run AND call_key = $key AND state = 'reserved'
            """, tx, ("$at", at), ("$run", request.RunId), ("$key", request.CallKey));
        var committed = Committed(c, tx, request.RunId, request.ChannelId, day, month);
        var breach = BudgetCheck.Check(request.Caps, committed, UsdMicros.ToUsd(estimate));
        AfterBudgetCheck?.Invoke();
        Exec(c, """
            INSERT INTO cost_ledger (run_id, channel_id, provider, tool, call_key, state, estimated_micros, day, month, reason, reserved_at)
            VALUES ($run, $channel, $provider, $tool, $key, $state, $est, $day, $month, $reason, $at)
            """, tx, ("$run", request.RunId), ("$channel", request.ChannelId), ("$provider", request.Provider), ("$tool", request.Tool), ("$key", request.CallKey),
            ("$state", breach is null ? "reserved" : "refused"), ("$est", estimate), ("$day", day), ("$month", month), ("$reason", breach?.Describe()), ("$at", at));
        var id = Convert.ToInt64(Scalar(c, tx, "SELECT last_insert_rowid()"), CultureInfo.InvariantCulture);
        Exec(c, """
            INSERT INTO budget_caps (channel_id, video_micros, day_micros, month_micros, updated_at) VALUES ($channel, $video, $day, $month, $at)
            ON CONFLICT (channel_id) DO UPDATE SET video_micros = excluded.video_micros, day_micros = excluded.day_micros,
                month_micros = excluded.month_micros, updated_at = excluded.updated_at
            """, tx, ("$channel", request.ChannelId), ("$video", UsdMicros.FromUsd(request.Caps.MaxCostUsdPerVideo)),
            ("$day", request.Caps.MaxCostUsdPerDay is { } d ? UsdMicros.FromUsd(d) : null), ("$month", request.Caps.MaxCostUsdPerMonth is { } m ? UsdMicros.FromUsd(m) : null), ("$at", at));
        tx.Commit();
        return new CostReservation(breach is null ? id : 0, breach, committed);
    }

    public void Settle(long reservationId, decimal actualUsd)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE cost_ledger SET state = 'spent', actual_micros = $actual, settled_at = $at WHERE id = $id AND state = 'reserved'", null,
            ("$actual", UsdMicros.FromUsd(actualUsd)), ("$at", Now()), ("$id", reservationId));
    }

    public void Release(long reservationId, string reason)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE cost_ledger SET state = 'released', reason = $reason, settled_at = $at WHERE id = $id AND state = 'reserved'", null,
            ("$reason", reason), ("$at", Now()), ("$id", reservationId));
    }

    /// <summary>
    /// A run that ended has no call in flight: a reservation still open belonged to a driver that died during its call.
    /// The provider may have billed it, so it stays counted, as spent at its estimate. Returns how many were closed.
    /// </summary>
    public int CloseOpenReservations(string runId)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        return Exec(c, """
            UPDATE cost_ledger SET state = 'spent', actual_micros = estimated_micros, settled_at = $at, reason = 'interrupted during the call: counted at its estimate'
            WHERE run_id = $run AND state = 'reserved'
            """, null, ("$at", Now()), ("$run", runId));
    }

    /// <summary>What is committed (spent + reserved) for the run (when given), the channel's UTC day and month of <paramref name="at"/>. Read-only.</summary>
    public CommittedSpend CommittedSpend(string? runId, string channelId, DateTimeOffset at)
    {
        var (day, month) = DayAndMonth(at);
        using var c = Open();
        return Committed(c, null, runId ?? "", channelId, day, month);
    }

    /// <summary>A run's calls per provider (for report.json).</summary>
    public IReadOnlyList<(string Provider, CostTotals Totals)> RunCosts(string runId)
    {
        using var c = Open();
        using var cmd = Command(c, $"SELECT provider, {Measures} FROM cost_ledger WHERE run_id = $run GROUP BY provider ORDER BY provider", null, ("$run", runId));
        using var r = cmd.ExecuteReader();
        var list = new List<(string, CostTotals)>();
        while (r.Read()) list.Add((r.GetString(0), ReadTotals(r, 1)));
        return list;
    }

    /// <summary>
    /// The ledger of one UTC month (yyyy-MM), per channel, per day (or per run) and provider, oldest first; one channel or all.
    /// </summary>
    public IReadOnlyList<CostRow> CostRows(string month, string? channelId, bool byRun)
    {
        var group = byRun ? "run_id" : "day";
        using var c = Open();
        using var cmd = Command(c, $"""
            SELECT channel_id, {group}, provider, MIN(reserved_at), {Measures} FROM cost_ledger
            WHERE month = $month AND ($channel IS NULL OR channel_id = $channel)
            GROUP BY channel_id, {group}, provider ORDER BY channel_id, MIN(reserved_at), provider
            """, null, ("$month", month), ("$channel", channelId));
        using var r = cmd.ExecuteReader();
        var list = new List<CostRow>();
        while (r.Read()) list.Add(new CostRow(r.GetString(0), r.GetString(1), r.GetString(2), ReadTotals(r, 4)));
        return list;
    }

    /// <summary>The caps the channel was last held to, or null when it never reserved anything here.</summary>
    public BudgetCaps? LastCaps(string channelId)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT video_micros, day_micros, month_micros FROM budget_caps WHERE channel_id = $channel", null, ("$channel", channelId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new BudgetCaps
        {
            MaxCostUsdPerVideo = UsdMicros.ToUsd(r.GetInt64(0)),
            MaxCostUsdPerDay = r.IsDBNull(1) ? null : UsdMicros.ToUsd(r.GetInt64(1)),
            MaxCostUsdPerMonth = r.IsDBNull(2) ? null : UsdMicros.ToUsd(r.GetInt64(2)),
        };
    }

    /// <summary>What a run's calls actually cost (settled calls), in USD.</summary>
    public decimal RunActualCost(string runId)
    {
        using var c = Open();
        return UsdMicros.ToUsd(Convert.ToInt64(Scalar(c, "SELECT COALESCE(SUM(actual_micros), 0) FROM cost_ledger WHERE run_id = $run AND state = 'spent'", ("$run", runId)),
            CultureInfo.InvariantCulture));
    }

    private CommittedSpend Committed(SqliteConnection c, SqliteTransaction? tx, string runId, string channelId, string day, string month)
    {
        using var cmd = Command(c, $"""
            SELECT COALESCE(SUM(CASE WHEN run_id = $run THEN amount ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN channel_id = $channel AND day = $day THEN amount ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN channel_id = $channel AND month = $month THEN amount ELSE 0 END), 0)
            FROM (SELECT run_id, channel_id, day, month, {CommittedMicros} AS amount FROM cost_ledger
                  WHERE run_id = $run OR (channel_id = $channel AND month = $month))
            """, tx, ("$run", runId), ("$channel", channelId), ("$day", day), ("$month", month));
        using var r = cmd.ExecuteReader();
        r.Read();
        return new CommittedSpend(UsdMicros.ToUsd(r.GetInt64(0)), UsdMicros.ToUsd(r.GetInt64(1)), UsdMicros.ToUsd(r.GetInt64(2)));
    }

    private static CostTotals ReadTotals(SqliteDataReader r, int first) => new(
        r.GetInt32(first), UsdMicros.ToUsd(r.GetInt64(first + 1)), UsdMicros.ToUsd(r.GetInt64(first + 2)), UsdMicros.ToUsd(r.GetInt64(first + 3)),
        r.GetInt32(first + 4), r.GetInt32(first + 5));

    private static (string Day, string Month) DayAndMonth(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return (utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), utc.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Calls counted in a group of ledger rows: <see cref="Calls"/> made or in flight, their <see cref="EstimatedUsd"/>,
/// the <see cref="ActualUsd"/> of those settled, <see cref="ReservedOpenUsd"/> still reserved (in flight, or left by a
/// crashed driver until its run resumes), calls <see cref="Refused"/> by a cap and <see cref="Released"/> after failing.
/// </summary>
public sealed record CostTotals(int Calls, decimal EstimatedUsd, decimal ActualUsd, decimal ReservedOpenUsd, int Refused, int Released)
{
    public static readonly CostTotals Zero = new(0, 0, 0, 0, 0, 0);

    public CostTotals Plus(CostTotals o) => new(Calls + o.Calls, EstimatedUsd + o.EstimatedUsd, ActualUsd + o.ActualUsd, ReservedOpenUsd + o.ReservedOpenUsd,
        Refused + o.Refused, Released + o.Released);
}

/// <summary>One line of <c>aivideo costs</c>: a channel's calls to one provider on one UTC day (or in one run).</summary>
public sealed record CostRow(string ChannelId, string Group, string Provider, CostTotals Totals);
