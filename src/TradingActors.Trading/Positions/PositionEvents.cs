using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.Positions;

/// <summary>An event in a position's journal. The position is the fold of its events (<see cref="PositionData.Apply"/>).</summary>
public interface IPositionEvent : IJournalEvent
{
    DateTimeOffset At { get; }
}

public sealed record PositionOpened(
    PositionId Id,
    IntentId EntryIntent,
    Market Market,
    Symbol Symbol,
    PositionDirection Direction,
    decimal Quantity,
    decimal DecisionPrice,
    decimal? StopPrice,
    decimal? TakeProfitPrice,
    string Origin,
    DateTimeOffset At,
    ExecutionPolicy? EntryPolicy = null,
    decimal? TrailingDistance = null) : IPositionEvent;

/// <summary>The entry filled (in full or in part), as first seen by <see cref="Source"/>.</summary>
public sealed record EntryFilled(decimal Quantity, decimal AveragePrice, decimal Fees, string Source, DateTimeOffset At) : IPositionEvent;

/// <summary>Every source agrees the entry order never filled.</summary>
public sealed record EntryFailed(string Reason, DateTimeOffset At) : IPositionEvent;

/// <summary>The entry was given up after part of it may have filled; the exit closed what did.</summary>
public sealed record EntryRolledBack(string Reason, DateTimeOffset At) : IPositionEvent;

public sealed record ProtectionArmed(IntentId Intent, ProtectionKind Kind, ClientOrderId ClientOrderId, decimal TriggerPrice, DateTimeOffset At) : IPositionEvent;

/// <summary>A protective order could not be placed; the next attempt uses a new intent.</summary>
public sealed record ProtectionFailed(IntentId Intent, string Reason, DateTimeOffset At) : IPositionEvent;

/// <summary>Something an operator must look at (journaled with the <c>alerts</c> tag).</summary>
public sealed record AlertRaised(AlertSeverity Severity, string Message, DateTimeOffset At) : IPositionEvent;

public sealed record ProtectionCancelled(ClientOrderId ClientOrderId, DateTimeOffset At) : IPositionEvent;

public sealed record CloseStarted(CloseReason Reason, IntentId ExitIntent, DateTimeOffset At, ExecutionPolicy? Policy = null) : IPositionEvent;

/// <summary>The close order certainly did not execute; the position is open again and still protected.</summary>
public sealed record CloseFailed(string Reason, DateTimeOffset At) : IPositionEvent;

public sealed record PositionClosed(
    CloseReason Reason, decimal Quantity, decimal ExitPrice, decimal Fees, decimal RealizedPnl, DateTimeOffset At) : IPositionEvent;

/// <summary>A new stop price was asked for; journaled before the answer, so a crash cannot lose an accepted move.</summary>
public sealed record StopMoveRequested(decimal StopPrice, DateTimeOffset At) : IPositionEvent;

/// <summary>An exit filled only part of the position: that part's profit is realized, the rest stays open.</summary>
public sealed record ExitPartiallyFilled(decimal Quantity, decimal Price, decimal Fees, decimal RealizedPnl, DateTimeOffset At) : IPositionEvent;

public sealed record OrphanClosed(string Reason, decimal RealizedPnl, DateTimeOffset At) : IPositionEvent;

/// <summary>The reconciler found another quantity on the exchange; the exchange is the truth.</summary>
public sealed record QuantityCorrected(decimal Quantity, DateTimeOffset At) : IPositionEvent;

/// <summary>After a close or rollback the exchange was asked whether the position is really flat.</summary>
public sealed record FlatnessChecked(bool IsFlat, decimal RemainingQuantity, DateTimeOffset At) : IPositionEvent;

/// <summary>
/// After a futures close, the funding the exchange settled on the symbol while the position was open (negative when it
/// paid), from <see cref="Payments"/> entries; it counts in the realized PnL.
/// </summary>
public sealed record FundingRecorded(decimal Amount, int Payments, DateTimeOffset At) : IPositionEvent;
