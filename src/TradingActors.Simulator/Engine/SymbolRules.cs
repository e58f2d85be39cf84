namespace TradingActors.Simulator.Engine;

/// <summary>One symbol's trading rules on one market, as exchangeInfo reports them and the engine enforces them.</summary>
public sealed record SymbolRules(
    string Symbol,
    MarketKind Market,
    string BaseAsset,
    string QuoteAsset,
    decimal TickSize,
    decimal MinPrice,
    decimal MaxPrice,
    decimal StepSize,
    decimal MinQty,
    decimal MaxQty,
    decimal MinNotional)
{
    public int PricePrecision => Scale(TickSize);

    public int QuantityPrecision => Scale(StepSize);

    /// <summary>Defaults close to Binance's for the common symbols; any other symbol gets rules scaled to its start price.</summary>
    public static SymbolRules Default(string symbol, MarketKind market, decimal startPrice)
    {
        var quote = new[] { "USDT", "USDC", "FDUSD", "BUSD", "BTC", "ETH", "BNB" }.FirstOrDefault(q => symbol.EndsWith(q, StringComparison.Ordinal) && symbol.Length > q.Length) ?? "USDT";
        var baseAsset = symbol[..^quote.Length];
        var tick = market == MarketKind.Futures ? Pow10(Math.Max(-2, (int)Math.Floor(Math.Log10((double)startPrice)) - 5)) : 0.01m;
        var step = market == MarketKind.Futures ? 0.001m : Pow10(-Math.Clamp((int)Math.Floor(Math.Log10((double)startPrice)) + 1, 0, 8));
        return new SymbolRules(symbol, market, baseAsset, quote, tick, tick, 1_000_000m, step, step, 9000m, 5m);
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            value = exponent > 0 ? value * 10 : value / 10;
        }

        return value;
    }

    private static int Scale(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        return (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
    }
}
