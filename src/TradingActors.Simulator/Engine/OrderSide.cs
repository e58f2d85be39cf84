namespace TradingActors.Simulator.Engine;

public enum OrderSide
{
    Buy,
    Sell,
}
