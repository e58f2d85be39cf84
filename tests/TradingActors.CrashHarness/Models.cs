namespace TradingActors.CrashHarness;

/// <summary>A position as the node's management API lists it (only the fields the invariants need).</summary>
public sealed record NodePosition(
    string Id, string Market, string Symbol, string Direction, string State, decimal Quantity, IReadOnlyList<NodeProtection>? Protections = null, decimal? StopPrice = null)
{
    public bool IsOpen => State is "PendingEntry" or "Active" or "PendingClosing";

    public bool IsFutures => Market.Equals("Futures", StringComparison.OrdinalIgnoreCase);

    public bool IsPending => State is "PendingEntry" or "PendingClosing";

    /// <summary>States in which the exchange holds (part of) the position.</summary>
    public bool HoldsExposure => State is "Active" or "PendingClosing";

    public decimal SignedQuantity => Direction.Equals("Short", StringComparison.OrdinalIgnoreCase) ? -Quantity : Quantity;
}

/// <summary>A protective order the node says a position has on the exchange (stop, take profit, OCO).</summary>
public sealed record NodeProtection(string Kind, string ClientOrderId);

/// <summary>An open order on the simulator: a regular order, a futures algo order, or a spot order list (by its list id).</summary>
public sealed record ExchangeOrder(string Market, string Symbol, string ClientId, string Type);

/// <summary>One order request in the simulator's ledger.</summary>
public sealed record LedgerRow(long Sequence, string Market, string Endpoint, string Action, string? Symbol, string? ClientId, string? Type, string Outcome)
{
    /// <summary>The exchange acted on it, whether or not its answer reached the node.</summary>
    public bool Executed => Outcome is "accepted" or "dropped" || Outcome.StartsWith("executed", StringComparison.Ordinal);
}

/// <summary>A futures position on the simulator (one-way mode: one per symbol, signed).</summary>
public sealed record ExchangePosition(string Symbol, decimal PositionAmt);

/// <summary>An open futures conditional order on the simulator.</summary>
public sealed record ExchangeAlgoOrder(string Symbol, string ClientAlgoId, string OrderType, string Side, decimal Quantity, bool ReduceOnly, bool ClosePosition);

/// <summary>Everything the invariants are checked on, read once the node has settled.</summary>
public sealed record Observation(
    IReadOnlyList<LedgerRow> Ledger,
    IReadOnlyList<ExchangePosition> FuturesPositions,
    IReadOnlyList<ExchangeAlgoOrder> AlgoOrders,
    IReadOnlyList<NodePosition> NodePositions,
    IReadOnlyCollection<string> AcceptedPositionIds,
    IReadOnlyList<ExchangeOrder>? OpenOrders = null,
    AcceptedCommand? LastCommand = null);

/// <summary>A close or stop move the node answered 202 just before it was killed: it should have happened after the restart.</summary>
public sealed record AcceptedCommand(string Kind, string PositionId, decimal? StopPrice = null);

/// <summary>A broken invariant; <see cref="Key"/> identifies it across kill points so a lasting one is counted once.</summary>
public sealed record Violation(string Kind, string Subject, string Detail)
{
    /// <summary>Found by the extra check beyond invariants 1-4: reported, but it does not fail a run.</summary>
    public bool IsWarning => Kind is InvariantChecker.OrphanOrder or InvariantChecker.LostCommand;

    public string Key => Kind + " " + Subject;

    public override string ToString() => $"{Kind} {Subject}: {Detail}";
}
