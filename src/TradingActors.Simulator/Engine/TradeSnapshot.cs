namespace TradingActors.Simulator.Engine;

/// <summary>One fill of one of our orders (spot myTrades / futures userTrades).</summary>
public sealed record TradeSnapshot(
    MarketKind Market,
    string Symbol,
    long Id,
    long OrderId,
    long OrderListId,
    OrderSide Side,
    decimal Price,
    decimal Qty,
    decimal QuoteQty,
    decimal Commission,
    string CommissionAsset,
    decimal RealizedPnl,
    bool IsMaker,
    long Time);
