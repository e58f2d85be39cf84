namespace TradingActors.Exchange;

public enum AlgoOrderStatus
{
    New,
    Canceled,
    Triggering,
    Triggered,
    Finished,
    Rejected,
    Expired,
}
