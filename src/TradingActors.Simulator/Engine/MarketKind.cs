namespace TradingActors.Simulator.Engine;

/// <summary>The two venues the simulator serves on one port.</summary>
public enum MarketKind
{
    Spot,
    Futures,
}
