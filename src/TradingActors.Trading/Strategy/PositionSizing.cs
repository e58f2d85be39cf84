namespace TradingActors.Trading.Strategy;

/// <summary>Fixed-fractional sizing: lose at most <c>riskFraction</c> of equity if the stop is hit.</summary>
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
}
