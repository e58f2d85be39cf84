namespace TradingActors.Exchange;

/// <summary>
/// Order types as the domain sees them. A post-only order is a <see cref="Limit"/> with
/// <see cref="TimeInForce.PostOnly"/>; the adapter maps it to the venue's own spelling.
/// </summary>
public enum OrderType
{
    Limit,
    Market,
    StopLoss,
    StopLossLimit,
    TakeProfit,
    TakeProfitLimit,
    Stop,
    StopMarket,
    TakeProfitMarket,
    TrailingStopMarket,
    Liquidation,
    Other,
}
