using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Positions;

/// <summary>Commands to positions (through their region) and the replies they get.</summary>
public static class PositionProtocol
{
    public interface IPositionCommand
    {
        PositionId Id { get; }
    }

    /// <summary>Opens a position; answered by <see cref="PositionAccepted"/> (also when it already exists) or <see cref="PositionRejected"/>.</summary>
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
        string Origin = "manual") : IPositionCommand;

    /// <summary>Answered by <see cref="CloseAccepted"/>, <see cref="AlreadyClosing"/>, <see cref="AlreadyClosed"/> or <see cref="NotOpen"/>.</summary>
    public sealed record ClosePosition(PositionId Id, CloseReason Reason, ExecutionPolicy? Policy = null) : IPositionCommand;

    /// <summary>Moves the protective stop; the new stop is placed before the old one is cancelled.</summary>
    public sealed record MoveStop(PositionId Id, decimal StopPrice) : IPositionCommand;

    /// <summary>Answered by <see cref="PositionView"/>.</summary>
    public sealed record GetPosition(PositionId Id) : IPositionCommand;

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

    /// <summary>From a position to its region: I reached the end and may leave memory.</summary>
    public sealed record PositionFinished(PositionId Id);
}
