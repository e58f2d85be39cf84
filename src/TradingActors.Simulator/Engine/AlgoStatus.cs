namespace TradingActors.Simulator.Engine;

public enum AlgoStatus
{
    New,
    Canceled,
    Triggering,
    Triggered,
    Finished,
    Rejected,
    Expired,
}
