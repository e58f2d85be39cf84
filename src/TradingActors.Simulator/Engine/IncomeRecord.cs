namespace TradingActors.Simulator.Engine;

/// <summary>One futures income entry (GET /fapi/v1/income): REALIZED_PNL, COMMISSION or FUNDING_FEE.</summary>
public sealed record IncomeRecord(long TranId, string Symbol, string IncomeType, decimal Income, string Asset, long? TradeId, long Time);
