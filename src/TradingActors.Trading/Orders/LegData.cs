using TradingActors.Exchange;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Orders;

/// <summary>One exchange order of an intent as journaled.</summary>
public sealed record LegData(string Leg, ClientOrderId ClientOrderId, LegKind Kind, OrderSide Side, decimal Quantity, decimal? Price)
{
    public OrderStatus? Status { get; init; }
    public decimal ExecutedQuantity { get; init; }
    public decimal AveragePrice { get; init; }
    public decimal Fees { get; init; }
    public int? RejectCode { get; init; }
    public string? RejectMessage { get; init; }

    /// <summary>Sent, and no answer settled what happened to it.</summary>
    public bool IsUnknown { get; init; }
    public ProtectionKind? Protection { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public decimal? TriggerPrice { get; init; }

    public bool IsTerminal => RejectCode is not null
        || Status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.ExpiredInMatch;
}
