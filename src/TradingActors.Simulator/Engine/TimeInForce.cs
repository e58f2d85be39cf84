namespace TradingActors.Simulator.Engine;

public enum TimeInForce
{
    Gtc,
    Ioc,
    Fok,
    Gtx,
    Gtd,
}
