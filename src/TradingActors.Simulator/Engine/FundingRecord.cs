namespace TradingActors.Simulator.Engine;

/// <summary>One funding settlement of a symbol (GET /fapi/v1/fundingRate).</summary>
public sealed record FundingRecord(string Symbol, decimal FundingRate, long FundingTime, decimal MarkPrice);
