namespace TradingActors.Exchange;

/// <summary>A market-data event for one symbol.</summary>
public abstract record MarketDataEvent : ExchangeEvent
{
    public required Symbol Symbol { get; init; }
}

/// <summary>Best bid and ask.</summary>
public sealed record BookTicker : MarketDataEvent
{
    public long UpdateId { get; init; }
    public required decimal BidPrice { get; init; }
    public required decimal BidQuantity { get; init; }
    public required decimal AskPrice { get; init; }
    public required decimal AskQuantity { get; init; }
}

/// <summary>A public trade (aggregated).</summary>
public sealed record Trade : MarketDataEvent
{
    public long TradeId { get; init; }
    public required decimal Price { get; init; }
    public required decimal Quantity { get; init; }
    public bool BuyerIsMaker { get; init; }
    public DateTimeOffset TradeTime { get; init; }
}

/// <summary>A candle; <see cref="IsClosed"/> is false while it is still forming.</summary>
public sealed record Kline : MarketDataEvent
{
    public required string Interval { get; init; }
    public required DateTimeOffset OpenTime { get; init; }
    public required DateTimeOffset CloseTime { get; init; }
    public required decimal Open { get; init; }
    public required decimal High { get; init; }
    public required decimal Low { get; init; }
    public required decimal Close { get; init; }
    public decimal Volume { get; init; }
    public decimal QuoteVolume { get; init; }
    public long TradeCount { get; init; }
    public bool IsClosed { get; init; }
}

/// <summary>Futures mark price, index price and funding.</summary>
public sealed record MarkPrice : MarketDataEvent
{
    public required decimal Price { get; init; }
    public decimal IndexPrice { get; init; }
    public decimal FundingRate { get; init; }
    public DateTimeOffset NextFundingTime { get; init; }
}

/// <summary>A partial order book (top levels).</summary>
public sealed record Depth : MarketDataEvent
{
    public long LastUpdateId { get; init; }
    public required IReadOnlyList<PriceLevel> Bids { get; init; }
    public required IReadOnlyList<PriceLevel> Asks { get; init; }
}

public sealed record PriceLevel(decimal Price, decimal Quantity);
