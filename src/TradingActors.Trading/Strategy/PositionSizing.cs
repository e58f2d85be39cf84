namespace TradingActors.Trading.Strategy;

/// <summary>
/// Fixed-fractional sizing that counts what a trade costs: a stop hit loses the stop distance plus the round trip's
/// fees and expected slippage on every unit, and that whole loss is what <c>riskFraction</c> of equity buys. The
/// position's notional is capped at a share of equity; a stop so close that costs would be most of the risk refuses.
/// </summary>
public static class PositionSizing
{
    /// <returns>The quantity whose loss over <paramref name="stopDistance"/> equals the risked equity; 0 when the inputs allow no trade.</returns>
    public static decimal RiskBasedQuantity(decimal equity, decimal riskFraction, decimal stopDistance)
    {
        if (equity <= 0m || riskFraction <= 0m || stopDistance <= 0m)
        {
            return 0m;
        }

        return equity * riskFraction / stopDistance;
    }

    /// <summary>Sizes an entry at <paramref name="price"/> with its stop <paramref name="stopDistance"/> away, under <paramref name="rules"/>.</summary>
    public static SizingResult Size(decimal price, decimal stopDistance, SizingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (price <= 0m || stopDistance <= 0m || rules.Equity <= 0m || rules.RiskPerTrade <= 0m)
        {
            return SizingResult.Refused("skipped: stop distance not ready", "the stop distance or the price is not positive yet");
        }

        var costPerUnit = price * 2m * (rules.FeeRate + rules.ExpectedSlippage);
        var lossPerUnit = stopDistance + costPerUnit;
        var costShare = costPerUnit / lossPerUnit;
        if (costShare > rules.MaxCostShare)
        {
            return SizingResult.Refused(
                "refused: the stop is too close for the fees",
                $"a stop {stopDistance:0.########} away costs {costPerUnit:0.########} per unit in fees and slippage, {costShare:P0} of the trade's risk (at most {rules.MaxCostShare:P0})");
        }

        var quantity = rules.Equity * rules.RiskPerTrade / lossPerUnit;
        var cap = rules.Equity * rules.MaxLeverageUsed;
        if (rules.MaxNotional is { } maxNotional)
        {
            cap = Math.Min(cap, maxNotional);
        }

        var capped = quantity * price > cap;
        return new SizingResult(capped ? cap / price : quantity, capped, null, null);
    }
}

/// <summary>How a strategy sizes its entries (see <c>hocon/trading.conf</c>).</summary>
/// <param name="FeeRate">Fee per side, a fraction of notional (taker: entries and exits are usually market orders).</param>
/// <param name="ExpectedSlippage">Slippage expected per side, a fraction of the price.</param>
/// <param name="MaxLeverageUsed">The position's notional is at most this many times equity.</param>
/// <param name="MaxNotional">An absolute cap on the notional, in quote currency, if set.</param>
/// <param name="MaxCostShare">Fees and slippage may be at most this share of the trade's risk; a closer stop refuses the entry.</param>
public sealed record SizingRules(
    decimal Equity, decimal RiskPerTrade, decimal FeeRate, decimal ExpectedSlippage, decimal MaxLeverageUsed, decimal? MaxNotional, decimal MaxCostShare);

/// <summary>A size, or why there is none: <see cref="Reason"/> is stable (for counting and logging once), <see cref="Detail"/> has the figures.</summary>
public sealed record SizingResult(decimal Quantity, bool Capped, string? Reason, string? Detail)
{
    public static SizingResult Refused(string reason, string detail) => new(0m, false, reason, detail);
}
