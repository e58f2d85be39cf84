namespace TradingActors.Exchange;

/// <summary>Futures conditional (algo) order types: they rest off the book until triggered.</summary>
public enum ConditionalOrderType
{
    StopMarket,
    TakeProfitMarket,
    TrailingStopMarket,
    Stop,
    TakeProfit,
}
