namespace TradingActors.Exchange;

/// <summary>Status of a contingent order list (spot OCO) as a whole.</summary>
public enum OrderListStatus
{
    Executing,
    AllDone,
    Rejected,
}
