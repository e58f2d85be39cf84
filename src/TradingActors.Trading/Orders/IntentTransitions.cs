using System.Collections.Frozen;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>
/// The intent state machine as one table over (status, event). A pair it does not list is an invalid transition:
/// the intent refuses and logs it and never journals it, and recovery skips it.
/// </summary>
/// <remarks>
/// Leg events (an order journaled, progressed, filled, rejected or unknown) are allowed wherever orders are worked:
/// while working, while armed (the guard's market exit, cancels of the resting protection) and once unresolved (the
/// querying goes on, and a late answer may still settle it). <see cref="IntentFinished"/> ends the intent once;
/// only an unresolved intent may later be finished as completed or failed, when an answer settles what the
/// queries could not. After the end only housekeeping: the late status of a leg (the other order of an OCO
/// expiring) and trades the stream delivers after the order's own answer finished the intent are still recorded,
/// so the report carries real prices and commissions.
/// </remarks>
public static class IntentTransitions
{
    private static readonly Type[] LegEvents =
        [typeof(OrderSending), typeof(OrderProgressed), typeof(FillRecorded), typeof(OrderRejected), typeof(OrderOutcomeUnknown)];

    private static readonly (IntentStatus From, Type Event, IntentStatus To)[] Listed =
    [
        (IntentStatus.New, typeof(IntentSubmitted), IntentStatus.Working),

        .. LegEvents.Select(e => (IntentStatus.Working, e, IntentStatus.Working)),
        (IntentStatus.Working, typeof(ProtectionEstablished), IntentStatus.Armed),
        (IntentStatus.Working, typeof(IntentFinished), IntentStatus.Completed),
        (IntentStatus.Working, typeof(IntentFinished), IntentStatus.Failed),
        (IntentStatus.Working, typeof(IntentFinished), IntentStatus.Unresolved),

        .. LegEvents.Select(e => (IntentStatus.Armed, e, IntentStatus.Armed)),
        (IntentStatus.Armed, typeof(ProtectionEstablished), IntentStatus.Armed),
        (IntentStatus.Armed, typeof(IntentFinished), IntentStatus.Completed),
        (IntentStatus.Armed, typeof(IntentFinished), IntentStatus.Failed),
        (IntentStatus.Armed, typeof(IntentFinished), IntentStatus.Unresolved),

        .. LegEvents.Select(e => (IntentStatus.Unresolved, e, IntentStatus.Unresolved)),
        (IntentStatus.Unresolved, typeof(ProtectionEstablished), IntentStatus.Armed),
        (IntentStatus.Unresolved, typeof(IntentFinished), IntentStatus.Completed),
        (IntentStatus.Unresolved, typeof(IntentFinished), IntentStatus.Failed),

        (IntentStatus.Completed, typeof(OrderProgressed), IntentStatus.Completed),
        (IntentStatus.Completed, typeof(FillRecorded), IntentStatus.Completed),
        (IntentStatus.Failed, typeof(OrderProgressed), IntentStatus.Failed),
        (IntentStatus.Failed, typeof(FillRecorded), IntentStatus.Failed),
    ];

    private static readonly FrozenSet<(IntentStatus From, Type Event, IntentStatus To)> Table = Listed.ToFrozenSet();

    private static readonly FrozenDictionary<(IntentStatus From, Type Event), IntentStatus> Unique = Listed
        .Where(t => t.Event != typeof(IntentFinished))
        .ToFrozenDictionary(t => (t.From, t.Event), t => t.To);

    /// <summary>The status <paramref name="evt"/> leads to from <paramref name="from"/>, if the table lists the pair.</summary>
    public static bool TryNext(IntentStatus from, IIntentEvent evt, out IntentStatus to)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (evt is IntentFinished finished)
        {
            to = finished.Status;
            return Table.Contains((from, typeof(IntentFinished), finished.Status));
        }

        return Unique.TryGetValue((from, evt.GetType()), out to);
    }

    /// <summary>Every listed transition, for documentation and tests.</summary>
    public static IEnumerable<(IntentStatus From, Type Event, IntentStatus To)> All => Listed;
}
