using System.Collections.Frozen;

namespace TradingActors.Trading.Positions;

/// <summary>
/// The position state machine as one table over (state, event). A pair it does not list is an invalid
/// transition: the position rejects and logs it and never applies it.
/// </summary>
public static class PositionTransitions
{
    private static readonly FrozenDictionary<(PositionState, Type), PositionState> Table = new (PositionState From, Type Event, PositionState To)[]
    {
        (PositionState.New, typeof(PositionOpened), PositionState.PendingEntry),

        (PositionState.PendingEntry, typeof(EntryFilled), PositionState.Active),
        (PositionState.PendingEntry, typeof(EntryFailed), PositionState.EntryFailed),
        (PositionState.PendingEntry, typeof(EntryRolledBack), PositionState.RolledBack),

        (PositionState.Active, typeof(EntryFilled), PositionState.Active),
        (PositionState.Active, typeof(ProtectionArmed), PositionState.Active),
        (PositionState.Active, typeof(ProtectionCancelled), PositionState.Active),
        (PositionState.Active, typeof(ProtectionFailed), PositionState.Active),
        (PositionState.Active, typeof(StopMoveRequested), PositionState.Active),
        (PositionState.Active, typeof(QuantityCorrected), PositionState.Active),
        (PositionState.Active, typeof(Aging.AgedExitPhaseChanged), PositionState.Active),
        (PositionState.Active, typeof(CloseStarted), PositionState.PendingClosing),
        (PositionState.Active, typeof(PositionClosed), PositionState.Closed),
        (PositionState.Active, typeof(OrphanClosed), PositionState.OrphanClosed),

        (PositionState.PendingClosing, typeof(ProtectionArmed), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(ProtectionCancelled), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(ProtectionFailed), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(QuantityCorrected), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(Aging.AgedExitPhaseChanged), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(ExitPartiallyFilled), PositionState.PendingClosing),
        (PositionState.PendingClosing, typeof(CloseFailed), PositionState.Active),
        (PositionState.PendingClosing, typeof(PositionClosed), PositionState.Closed),
        (PositionState.PendingClosing, typeof(OrphanClosed), PositionState.OrphanClosed),

        // After the end only housekeeping: leftover protective orders are cancelled, flatness is verified and a futures
        // close reads its funding.
        (PositionState.Closed, typeof(ProtectionCancelled), PositionState.Closed),
        (PositionState.Closed, typeof(FlatnessChecked), PositionState.Closed),
        (PositionState.Closed, typeof(FundingRecorded), PositionState.Closed),
        (PositionState.RolledBack, typeof(ProtectionCancelled), PositionState.RolledBack),
        (PositionState.RolledBack, typeof(FlatnessChecked), PositionState.RolledBack),
        (PositionState.EntryFailed, typeof(FlatnessChecked), PositionState.EntryFailed),
        (PositionState.OrphanClosed, typeof(ProtectionCancelled), PositionState.OrphanClosed),
        (PositionState.OrphanClosed, typeof(FlatnessChecked), PositionState.OrphanClosed),
    }
    .Concat(Enum.GetValues<PositionState>().Where(s => s != PositionState.New).Select(s => (From: s, Event: typeof(AlertRaised), To: s)))
    .ToFrozenDictionary(t => (t.From, t.Event), t => t.To);

    public static bool TryNext(PositionState from, IPositionEvent evt, out PositionState to) =>
        Table.TryGetValue((from, evt.GetType()), out to);

    public static bool IsTerminal(this PositionState state) =>
        state is PositionState.Closed or PositionState.EntryFailed or PositionState.RolledBack or PositionState.OrphanClosed;

    /// <summary>Every listed transition, for documentation and tests.</summary>
    public static IEnumerable<(PositionState From, Type Event, PositionState To)> All =>
        Table.Select(t => (t.Key.Item1, t.Key.Item2, t.Value));
}
