namespace TradingActors.Simulator.Engine;

/// <summary>An order as it stands, spot or futures; fields a market does not use keep their defaults.</summary>
public sealed record OrderSnapshot
{
    public required MarketKind Market { get; init; }

    public required string Symbol { get; init; }

    public required long OrderId { get; init; }

    public required string ClientOrderId { get; init; }

    public required OrderSide Side { get; init; }

    public required OrderType Type { get; init; }

    /// <summary>The type the order was placed as (a triggered futures stop keeps its conditional type here).</summary>
    public required OrderType OrigType { get; init; }

    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    public decimal Price { get; init; }

    public decimal StopPrice { get; init; }

    public decimal OrigQty { get; init; }

    public decimal ExecutedQty { get; init; }

    public decimal CumQuote { get; init; }

    public decimal OrigQuoteOrderQty { get; init; }

    public OrderStatus Status { get; init; }

    public bool ReduceOnly { get; init; }

    public bool ClosePosition { get; init; }

    public WorkingType WorkingType { get; init; } = WorkingType.ContractPrice;

    public long OrderListId { get; init; } = -1;

    public long Time { get; init; }

    public long UpdateTime { get; init; }

    /// <summary>When a stop became working (spot); -1 while it waits for its trigger.</summary>
    public long WorkingTime { get; init; }

    public bool IsWorking { get; init; }

    public decimal AvgPrice => ExecutedQty == 0 ? 0 : CumQuote / ExecutedQty;

    public bool IsOpen => Status is OrderStatus.New or OrderStatus.PartiallyFilled;
}
