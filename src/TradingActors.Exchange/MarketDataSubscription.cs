namespace TradingActors.Exchange;

/// <summary>One market-data stream to subscribe to.</summary>
public sealed record MarketDataSubscription(Symbol Symbol, MarketDataKind Kind, string? Interval = null, int DepthLevels = 5)
{
    public static MarketDataSubscription BookTickerOf(Symbol symbol) => new(symbol, MarketDataKind.BookTicker);

    public static MarketDataSubscription TradesOf(Symbol symbol) => new(symbol, MarketDataKind.Trade);

    public static MarketDataSubscription KlinesOf(Symbol symbol, string interval) => new(symbol, MarketDataKind.Kline, interval);

    public static MarketDataSubscription MarkPriceOf(Symbol symbol) => new(symbol, MarketDataKind.MarkPrice);

    public static MarketDataSubscription DepthOf(Symbol symbol, int levels = 5) => new(symbol, MarketDataKind.Depth, null, levels);
}
