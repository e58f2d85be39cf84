namespace TradingActors.Exchange;

/// <summary>The state of one exchange order as last reported by the venue.</summary>
public sealed record OrderSnapshot
{
    public required Market Market { get; init; }
    public required Symbol Symbol { get; init; }
    public required long OrderId { get; init; }
    public required ClientOrderId ClientOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public TimeInForce? TimeInForce { get; init; }
    public required OrderStatus Status { get; init; }
    public decimal Price { get; init; }
    public decimal StopPrice { get; init; }
    public decimal OriginalQuantity { get; init; }
    public decimal ExecutedQuantity { get; init; }
    public decimal CumulativeQuoteQuantity { get; init; }

    /// <summary>Average fill price, 0 before the first fill.</summary>
    public decimal AveragePrice { get; init; }
    public bool ReduceOnly { get; init; }
    public bool ClosePosition { get; init; }
    public PositionSide PositionSide { get; init; }
    public WorkingType? WorkingType { get; init; }

    /// <summary>The order list (spot OCO) this order belongs to, or null.</summary>
    public long? OrderListId { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsTerminal => Status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected
        or OrderStatus.Expired or OrderStatus.ExpiredInMatch;
}
