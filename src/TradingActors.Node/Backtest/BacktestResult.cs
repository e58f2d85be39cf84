namespace TradingActors.Node.Backtest;

/// <summary>What a run produced: its trades, the equity curve, and what it measured of itself.</summary>
public sealed record BacktestResult(
    BacktestSetup Setup,
    IReadOnlyList<BacktestTrade> Trades,
    IReadOnlyList<EquityPoint> Equity,
    IReadOnlyDictionary<string, int> Refusals,
    long Bars,
    long MarketEvents,
    TimeSpan WallTime)
{
    /// <summary>Wall time the node took to start (in virtual time) before the first bar.</summary>
    public TimeSpan StartupTime { get; init; }

    public DateTimeOffset Start => Equity.Count > 0 ? Equity[0].Time : default;

    public DateTimeOffset End => Equity.Count > 0 ? Equity[^1].Time : default;

    public double EventsPerSecond => WallTime.TotalSeconds > 0 ? MarketEvents / WallTime.TotalSeconds : 0;
}
