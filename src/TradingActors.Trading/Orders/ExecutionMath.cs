using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>The arithmetic of execution policies, kept apart from the actors that use it.</summary>
public static class ExecutionMath
{
    /// <summary>
    /// Splits <paramref name="quantity"/> into <paramref name="slices"/> parts on the venue's step; the last slice
    /// takes the remainder, and slices that would round to nothing are merged away.
    /// </summary>
    public static IReadOnlyList<decimal> TwapSlices(decimal quantity, int slices, SymbolRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        var slice = rules.RoundQuantity(quantity / slices, isMarketOrder: true);
        if (slice <= 0m || slice < rules.MinQuantity)
        {
            return [quantity];
        }

        var result = new List<decimal>(slices);
        var left = quantity;
        for (var i = 0; i < slices - 1 && left - slice >= slice; i++)
        {
            result.Add(slice);
            left -= slice;
        }

        result.Add(left);
        return result;
    }

    /// <summary>The price a maker order rests at: our side of the book.</summary>
    public static decimal MakerPrice(OrderSide side, decimal bestBid, decimal bestAsk) =>
        side == OrderSide.Buy ? bestBid : bestAsk;

    /// <summary>The price of a chasing order: one tick through the far touch, so it takes at once.</summary>
    public static decimal ChasePrice(OrderSide side, decimal bestBid, decimal bestAsk, decimal tickSize) =>
        side == OrderSide.Sell ? bestBid - tickSize : bestAsk + tickSize;

    /// <summary>
    /// Slippage of a fill against the price when the decision was made, in basis points; positive is worse
    /// for us (paid more on a buy, got less on a sell).
    /// </summary>
    public static decimal SlippageBps(OrderSide side, decimal decisionPrice, decimal fillPrice)
    {
        if (decisionPrice <= 0m)
        {
            return 0m;
        }

        var difference = side == OrderSide.Buy ? fillPrice - decisionPrice : decisionPrice - fillPrice;
        return decimal.Round(difference / decisionPrice * 10_000m, 4);
    }
}
