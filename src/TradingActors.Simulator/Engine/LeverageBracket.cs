namespace TradingActors.Simulator.Engine;

/// <summary>One notional bracket of a futures symbol (GET /fapi/v1/leverageBracket).</summary>
public sealed record LeverageBracket(int Bracket, int InitialLeverage, decimal NotionalFloor, decimal NotionalCap, decimal MaintMarginRatio, decimal Cum);
