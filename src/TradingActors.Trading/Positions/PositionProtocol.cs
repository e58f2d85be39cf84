using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Positions;

/// <summary>Commands to positions (through their shard region) and the replies they get.</summary>
public static class PositionProtocol
{
    public interface IPositionCommand
    {
        PositionId Id { get; }
    }

    /// <summary>
    /// Opens a position; answered by <see cref="PositionAccepted"/> (also when it already exists) or <see cref="PositionRejected"/>.
    /// <paramref name="TrailingDistance"/> (a fraction of the price) makes the stop trail the best price since entry.
    /// </summary>
    public sealed record OpenPosition(
        PositionId Id,
        Market Market,
        Symbol Symbol,
        PositionDirection Direction,
        decimal Quantity,
        ExecutionPolicy EntryPolicy,
        decimal DecisionPrice,
        decimal? StopPrice = null,
        decimal? TakeProfitPrice = null,
        string Origin = "manual",
        decimal? TrailingDistance = null) : IPositionCommand;

    /// <summary>Answered by <see cref="CloseAccepted"/>, <see cref="AlreadyClosing"/>, <see cref="AlreadyClosed"/> or <see cref="NotOpen"/>.</summary>
    public sealed record ClosePosition(PositionId Id, CloseReason Reason, ExecutionPolicy? Policy = null) : IPositionCommand;

    /// <summary>Moves the protective stop; the new stop is placed before the old one is cancelled.</summary>
    public sealed record MoveStop(PositionId Id, decimal StopPrice) : IPositionCommand;

    /// <summary>Answered by <see cref="PositionView"/>.</summary>
    public sealed record GetPosition(PositionId Id) : IPositionCommand;

    /// <summary>
    /// From the reconciler, each answered by <see cref="Reconciled"/>. Verify the entry with every source now (the
    /// exchange holds a position a crash left in PENDING_ENTRY), or, when active, that a stop protects it.
    /// </summary>
    public sealed record Reverify(PositionId Id) : IPositionCommand;

    /// <summary>The exchange holds nothing of this position and its trades confirm the exit.</summary>
    public sealed record MarkOrphanClosed(PositionId Id, string Reason, decimal RealizedPnl) : IPositionCommand;

    /// <summary>The exchange holds another quantity: it is the truth, and the stop is replaced to cover it.</summary>
    public sealed record CorrectQuantity(PositionId Id, decimal Quantity) : IPositionCommand;

    /// <summary>This protective order is not on the exchange: forget it and protect the position again.</summary>
    public sealed record ProtectionMissing(PositionId Id, ClientOrderId ClientOrderId) : IPositionCommand;

    /// <summary>An exchange position no position of ours opened, taken over as it stands and given a stop.</summary>
    public sealed record AdoptPosition(
        PositionId Id, Market Market, Symbol Symbol, PositionDirection Direction, decimal Quantity, decimal EntryPrice, decimal StopPrice) : IPositionCommand;

    /// <summary>Whether the reconciler's command changed anything, and what the position made of it.</summary>
    public sealed record Reconciled(PositionId Id, bool Applied, string Detail);

    public sealed record PositionAccepted(PositionId Id, PositionState State);

    public sealed record PositionRejected(PositionId Id, string Reason);

    public sealed record CloseAccepted(PositionId Id);

    public sealed record AlreadyClosing(PositionId Id);

    public sealed record AlreadyClosed(PositionId Id);

    public sealed record NotOpen(PositionId Id, PositionState State);

    public sealed record StopMoveAccepted(PositionId Id, decimal StopPrice);

    public sealed record StopMoveRejected(PositionId Id, string Reason);

    /// <summary>A position as its actor knows it; <see cref="UnrealizedPnl"/> at the latest quote.</summary>
    public sealed record PositionView(PositionData Data, decimal UnrealizedPnl);
}
