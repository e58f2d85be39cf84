namespace TradingActors.Node.Backtest;

/// <summary>One recorded candle: open time, OHLC, base volume and the time its interval ends (exclusive).</summary>
public sealed record KlineBar(DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, DateTimeOffset EndTime);
