namespace TradingActors.Simulator.Engine;

/// <summary>A print on a symbol's public tape (REST trades and aggTrades): ours or the price path's synthetic flow.</summary>
public sealed record PublicTrade(long Id, decimal Price, decimal Qty, bool BuyerIsMaker, long Time);
