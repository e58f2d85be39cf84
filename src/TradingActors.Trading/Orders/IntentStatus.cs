namespace TradingActors.Trading.Orders;

public enum IntentStatus
{
    /// <summary>Nothing journaled yet.</summary>
    New,

    /// <summary>Orders are being worked.</summary>
    Working,

    /// <summary>A protective order rests on the exchange (or a guard stop watches the price).</summary>
    Armed,

    /// <summary>Done: filled (in full or in part), or a protection that fired or was cancelled.</summary>
    Completed,

    /// <summary>Certainly nothing executed (every order was rejected or cancelled unfilled).</summary>
    Failed,

    /// <summary>An order's outcome stayed unknown after querying: the reconciler settles it.</summary>
    Unresolved,
}
