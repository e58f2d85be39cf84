namespace TradingActors.Node.Backtest;

/// <summary>The account's value (cash plus open positions at the last price) at one instant of the run.</summary>
public sealed record EquityPoint(DateTimeOffset Time, decimal Equity);
