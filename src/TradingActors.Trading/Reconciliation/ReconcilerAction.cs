using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Reconciliation;

/// <summary>What a finding makes the reconciler do (nothing, in a dry run).</summary>
public abstract record ReconcilerAction
{
    /// <summary>Through the router, as a cancel intent (journaled, idempotent by its id).</summary>
    public sealed record CancelOrder(Symbol Symbol, ClientOrderId ClientOrderId, bool Conditional) : ReconcilerAction;

    /// <summary>A reduce-only market order through the router.</summary>
    public sealed record CloseForeignPosition(Symbol Symbol, OrderSide Side, decimal Quantity) : ReconcilerAction;

    /// <summary>Brings a dormant intent back from its journal: it queries its orders and reports to its owner.</summary>
    public sealed record ResumeIntent(IntentId Intent) : ReconcilerAction;

    public sealed record TellPosition(PositionProtocol.IPositionCommand Command) : ReconcilerAction;
}

/// <summary>A finding and the action it calls for.</summary>
public sealed record PlannedAction(ReconcilerProtocol.Finding Finding, ReconcilerAction? Action = null);
