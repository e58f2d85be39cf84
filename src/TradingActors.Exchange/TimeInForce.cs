namespace TradingActors.Exchange;

public enum TimeInForce
{
    GoodTillCanceled,
    ImmediateOrCancel,
    FillOrKill,

    /// <summary>Maker only: rejected rather than executed if it would take liquidity.</summary>
    PostOnly,
    GoodTillDate,
}
