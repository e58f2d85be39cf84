namespace TradingActors.Simulator.Engine;

public sealed record BalanceSnapshot(string Asset, decimal Free, decimal Locked);
