namespace TradingActors.Simulator.Engine;

/// <summary>
/// The notional brackets every futures symbol uses, shaped like Binance's BTCUSDT table: the higher the position's notional,
/// the lower the leverage allowed and the higher the maintenance margin. <c>cum</c> makes maintenance margin continuous
/// across brackets (notional * rate - cum).
/// </summary>
public static class LeverageBrackets
{
    private static readonly (int Leverage, decimal Cap, decimal Rate)[] Table =
    [
        (125, 800_000m, 0m),
        (100, 1_000_000m, 0.005m),
        (50, 2_000_000m, 0.01m),
        (25, 4_000_000m, 0.02m),
        (20, 5_000_000m, 0.025m),
        (10, 10_000_000m, 0.05m),
        (5, 20_000_000m, 0.1m),
        (1, 50_000_000m, 0.25m),
    ];

    /// <summary>The brackets, the first one's leverage capped at the engine's maximum and its rate the configured maintenance rate.</summary>
    public static IReadOnlyList<LeverageBracket> For(EngineOptions options)
    {
        var brackets = new List<LeverageBracket>();
        var floor = 0m;
        var cum = 0m;
        var previousRate = 0m;
        for (var i = 0; i < Table.Length; i++)
        {
            var (leverage, cap, rate) = Table[i];
            rate = i == 0 ? options.MaintenanceMarginRate : Math.Max(rate, options.MaintenanceMarginRate);
            cum += floor * (rate - previousRate);
            brackets.Add(new LeverageBracket(i + 1, Math.Min(leverage, options.MaxLeverage), floor, cap, rate, cum));
            floor = cap;
            previousRate = rate;
        }

        return brackets;
    }

    /// <summary>The largest position notional the leverage allows: the cap of the last bracket that still allows it.</summary>
    public static decimal MaxNotional(IReadOnlyList<LeverageBracket> brackets, int leverage) =>
        brackets.LastOrDefault(b => b.InitialLeverage >= leverage)?.NotionalCap ?? brackets[0].NotionalCap;

    /// <summary>Maintenance margin of a position of <paramref name="notional"/> (absolute).</summary>
    public static decimal MaintenanceMargin(IReadOnlyList<LeverageBracket> brackets, decimal notional)
    {
        var bracket = brackets.FirstOrDefault(b => notional < b.NotionalCap) ?? brackets[^1];
        return Math.Max(0, (notional * bracket.MaintMarginRatio) - bracket.Cum);
    }
}
