using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>Turns exchangeInfo symbols and their filters into <see cref="SymbolRules"/>.</summary>
internal static class SymbolRulesParser
{
    public static IReadOnlyList<SymbolRules> Parse(Market market, ExchangeInfoWire info) =>
        [.. info.Symbols.Where(s => s.Symbol.Length > 0).Select(s => Parse(market, s))];

    public static SymbolRules Parse(Market market, ExchangeInfoSymbolWire symbol)
    {
        SymbolFilterWire? Filter(string type) => symbol.Filters.FirstOrDefault(f => f.FilterType == type);
        var price = Filter("PRICE_FILTER");
        var lot = Filter("LOT_SIZE");
        var marketLot = Filter("MARKET_LOT_SIZE");
        var minNotional = Filter("MIN_NOTIONAL");
        var notional = Filter("NOTIONAL");
        return new SymbolRules
        {
            Market = market,
            Symbol = new Symbol(symbol.Symbol),
            BaseAsset = symbol.BaseAsset,
            QuoteAsset = symbol.QuoteAsset,
            IsTrading = symbol.Status == "TRADING",
            TickSize = price?.TickSize ?? 0m,
            MinPrice = price?.MinPrice ?? 0m,
            MaxPrice = price?.MaxPrice ?? 0m,
            StepSize = lot?.StepSize ?? 0m,
            MinQuantity = lot?.MinQty ?? 0m,
            MaxQuantity = lot?.MaxQty ?? 0m,
            MarketStepSize = marketLot?.StepSize ?? 0m,
            MinNotional = minNotional?.MinNotional ?? minNotional?.Notional ?? notional?.MinNotional ?? 0m,
            OcoAllowed = symbol.OcoAllowed,
        };
    }
}
