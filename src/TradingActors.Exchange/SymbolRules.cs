namespace TradingActors.Exchange;

/// <summary>
/// A symbol's trading rules (tick size, step size, limits, minimum notional) and the rounding that
/// makes a price or quantity acceptable to the venue.
/// </summary>
public sealed record SymbolRules
{
    public required Market Market { get; init; }
    public required Symbol Symbol { get; init; }
    public required string BaseAsset { get; init; }
    public required string QuoteAsset { get; init; }
    public bool IsTrading { get; init; } = true;
    public decimal TickSize { get; init; }
    public decimal MinPrice { get; init; }
    public decimal MaxPrice { get; init; }
    public decimal StepSize { get; init; }
    public decimal MinQuantity { get; init; }
    public decimal MaxQuantity { get; init; }

    /// <summary>Step size for market orders, when the venue sets a separate one.</summary>
    public decimal MarketStepSize { get; init; }
    public decimal MinNotional { get; init; }
    public bool OcoAllowed { get; init; }

    /// <summary>
    /// Price rounded to the nearest tick. Futures count ticks from the minimum price, spot from zero.
    /// </summary>
    public decimal RoundPrice(decimal price)
    {
        if (TickSize <= 0m)
        {
            return price;
        }

        var origin = Market == Market.Futures ? MinPrice : 0m;
        var ticks = decimal.Round((price - origin) / TickSize, 0, MidpointRounding.AwayFromZero);
        return Normalize(origin + (ticks * TickSize));
    }

    /// <summary>Quantity rounded down to the step, so an order never exceeds what was intended.</summary>
    public decimal RoundQuantity(decimal quantity, bool isMarketOrder = false)
    {
        var step = isMarketOrder && MarketStepSize > 0m ? MarketStepSize : StepSize;
        if (step <= 0m)
        {
            return quantity;
        }

        var origin = Market == Market.Futures ? MinQuantity : 0m;
        if (quantity < origin)
        {
            return Normalize(decimal.Floor(quantity / step) * step);
        }

        var steps = decimal.Floor((quantity - origin) / step);
        return Normalize(origin + (steps * step));
    }

    /// <summary>Drops trailing zeros so the value is sent with no more decimals than it needs.</summary>
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
