namespace TradingActors.Trading.Positions.Aging;

/// <summary>What the position actor should do after an aged-exit evaluation.</summary>
public enum AgedExitAction
{
    None,

    /// <summary>Send a MARKET reduce-only order for the whole remaining quantity.</summary>
    CloseNow,
}
