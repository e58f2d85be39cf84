namespace TradingActors.Exchange;

/// <summary>Why an order update was sent.</summary>
public enum ExecutionType
{
    New,
    Canceled,
    Replaced,
    Rejected,
    Trade,
    Expired,
    TradePrevention,
    Calculated,
    Amendment,
    Other,
}
