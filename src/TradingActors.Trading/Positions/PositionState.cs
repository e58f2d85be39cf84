namespace TradingActors.Trading.Positions;

/// <summary>The life of a position. The last three are terminal side exits.</summary>
public enum PositionState
{
    /// <summary>Nothing journaled yet.</summary>
    New,
    PendingEntry,
    Active,
    PendingClosing,
    Closed,

    /// <summary>The entry certainly did not fill; nothing to undo.</summary>
    EntryFailed,

    /// <summary>The entry failed after (possibly) filling part; what filled was closed.</summary>
    RolledBack,

    /// <summary>The exchange no longer holds the position and the reconciler closed it locally.</summary>
    OrphanClosed,
}
