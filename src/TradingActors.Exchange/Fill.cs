namespace TradingActors.Exchange;

/// <summary>One of our trades (a fill of one of our orders).</summary>
public sealed record Fill
{
    public required Market Market { get; init; }
    public required Symbol Symbol { get; init; }
    public required long TradeId { get; init; }
    public required long OrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required decimal Price { get; init; }
    public required decimal Quantity { get; init; }
    public decimal QuoteQuantity { get; init; }
    public decimal Commission { get; init; }
    public string CommissionAsset { get; init; } = string.Empty;
    public bool IsMaker { get; init; }

    /// <summary>Futures only: profit realised by this fill.</summary>
    public decimal RealizedPnl { get; init; }
    public DateTimeOffset Time { get; init; }
}
