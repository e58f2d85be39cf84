namespace TradingActors.Simulator.Engine;

public enum MarginType
{
    Isolated,
    Crossed,
}
