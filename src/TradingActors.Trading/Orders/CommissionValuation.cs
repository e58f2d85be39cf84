using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>
/// A trade's commission valued in the quote asset, which fees and PnL are counted in. A commission in the quote asset
/// is its own value; one in the base asset (a spot buy) is worth the trade's price, and the position holds that much
/// less; one in a third asset (BNB, with BNB fee payment on) is worth that asset's price in the quote asset at the fill.
/// </summary>
public static class CommissionValuation
{
    /// <summary>The symbol whose price values the commission (for example BNBUSDT), or null when it needs none.</summary>
    public static Symbol? PricedBy(Fill fill, SymbolRules? rules)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return rules is null || fill.Commission == 0m || fill.CommissionAsset.Length == 0
            || fill.CommissionAsset == rules.BaseAsset || fill.CommissionAsset == rules.QuoteAsset
            ? null
            : new Symbol(fill.CommissionAsset + rules.QuoteAsset);
    }

    /// <summary>
    /// The commission in the quote asset, and the part of it taken from the base asset (in base units).
    /// <paramref name="assetPrice"/> is the price of a third commission asset in the quote asset; without it such a
    /// commission cannot be valued and counts as zero.
    /// </summary>
    public static (decimal QuoteFee, decimal BaseFee) Value(Fill fill, SymbolRules? rules, decimal? assetPrice)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (rules is null || fill.Commission == 0m || fill.CommissionAsset == rules.QuoteAsset)
        {
            return (fill.Commission, 0m);
        }

        if (fill.CommissionAsset == rules.BaseAsset)
        {
            return (fill.Commission * fill.Price, fill.Commission);
        }

        return (assetPrice is { } price and > 0m ? fill.Commission * price : 0m, 0m);
    }
}
