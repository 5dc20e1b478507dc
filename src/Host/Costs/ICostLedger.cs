using AiVideo.Core.Costs;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Costs;

/// <summary>
/// Where paid calls are reserved before they are made and settled after (the run store, <c>cost_ledger</c>). Every
/// method is one atomic write: <see cref="Reserve"/> checks the caps and records the reservation in the same immediate
/// transaction, so concurrent runs — in this process or another on the same output folder — cannot both take the last
/// of a budget.
/// </summary>
public interface ICostLedger
{
    /// <summary>Reserves the estimate when it fits every cap; otherwise records the refusal and returns the breach.</summary>
    CostReservation Reserve(CostReservationRequest request);

    /// <summary>The call returned: the reservation becomes spent at <paramref name="actualUsd"/>.</summary>
    void Settle(long reservationId, decimal actualUsd);

    /// <summary>The call failed or was cancelled: the reservation no longer counts.</summary>
    void Release(long reservationId, string reason);
}

/// <param name="CallKey">Names the call within its run (e.g. <c>render:runs/R/shots/s01-a1.mp4</c>): a reservation still open
/// under the same key when it is reserved again belonged to a driver that died during the call; it is kept as spent.</param>
/// <param name="At">When the call is made; its UTC day and month are the day and month it counts against.</param>
public sealed record CostReservationRequest(string RunId, string ChannelId, string Provider, string Tool, string CallKey, decimal EstimateUsd, BudgetCaps Caps, DateTimeOffset At);

/// <summary>A reservation (<see cref="Id"/>) or a refusal (<see cref="Breach"/>), with what was committed before it.</summary>
public sealed record CostReservation(long Id, BudgetBreach? Breach, CommittedSpend Committed)
{
    public bool Granted => Breach is null;
}
