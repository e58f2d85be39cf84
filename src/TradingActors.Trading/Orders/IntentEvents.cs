using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.Orders;

/// <summary>The journal of one intent. Every order is journaled (<see cref="OrderSending"/>) before it is sent.</summary>
public static class IntentEvents
{
    public interface IIntentEvent : IJournalEvent
    {
        DateTimeOffset At { get; }
    }

    public sealed record IntentSubmitted(IntentId Id, OrderIntentSpec Spec, PositionId? Owner, DateTimeOffset At) : IIntentEvent;

    /// <summary>The leg's order is about to leave the process with this client order id.</summary>
    public sealed record OrderSending(
        string Leg, ClientOrderId ClientOrderId, LegKind Kind, OrderSide Side, decimal Quantity, decimal? Price, DateTimeOffset At) : IIntentEvent;

    /// <summary>The leg's order as last seen: status and cumulative execution (never decreasing).</summary>
    public sealed record OrderProgressed(
        string Leg, OrderStatus Status, decimal ExecutedQuantity, decimal AveragePrice, decimal Fees, DateTimeOffset At, long? OrderId = null) : IIntentEvent;

    /// <summary>
    /// One trade of the leg's order, as the exchange reported it. Its commission is valued in the quote asset
    /// (<paramref name="QuoteFee"/>); a commission taken from the base asset (a spot buy) is also kept as
    /// <paramref name="BaseFee"/>, because the position holds that much less. A commission in a third asset (BNB) is
    /// valued at that asset's price in the quote asset at the fill (see <see cref="CommissionValuation"/>).
    /// </summary>
    public sealed record FillRecorded(
        string Leg, long TradeId, long OrderId, decimal Quantity, decimal Price, decimal Commission, string CommissionAsset,
        decimal QuoteFee, decimal BaseFee, DateTimeOffset At) : IIntentEvent;

    public sealed record OrderRejected(string Leg, int Code, string Message, DateTimeOffset At) : IIntentEvent;

    /// <summary>The venue may or may not have the order; querying goes on.</summary>
    public sealed record OrderOutcomeUnknown(string Leg, string Reason, DateTimeOffset At) : IIntentEvent;

    /// <summary>A protective order is in place (or a guard stop watches the price).</summary>
    public sealed record ProtectionEstablished(string Leg, ProtectionKind Kind, decimal TriggerPrice, DateTimeOffset At) : IIntentEvent;

    public sealed record IntentFinished(IntentStatus Status, string Reason, DateTimeOffset At) : IIntentEvent;
}
