namespace TradingActors.Exchange;

public enum MarketDataKind
{
    BookTicker,
    Trade,
    Kline,
    MarkPrice,
    Depth,
}
