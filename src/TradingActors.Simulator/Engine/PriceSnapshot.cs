namespace TradingActors.Simulator.Engine;

/// <summary>The prices of one symbol on one market: last trade, mark and index (futures), best bid and ask.</summary>
public sealed record PriceSnapshot(MarketKind Market, string Symbol, decimal Last, decimal Mark, decimal Index, decimal Bid, decimal Ask, long Time);
