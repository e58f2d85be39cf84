namespace TradingActors.Simulator.Engine;

/// <summary>One candle of the simulated market (REST klines).</summary>
public sealed record Kline(long OpenTime, long CloseTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, decimal QuoteVolume, long Trades);
