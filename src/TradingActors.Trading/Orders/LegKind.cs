namespace TradingActors.Trading.Orders;

/// <summary>The kind of exchange order one leg of an intent is.</summary>
public enum LegKind
{
    Market,
    PostOnly,
    ImmediateOrCancel,
    FillOrKill,

    /// <summary>A futures conditional order through the Algo Order API (STOP_MARKET, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET).</summary>
    ConditionalStop,

    /// <summary>Spot STOP_LOSS order.</summary>
    SpotStop,
    Oco,

    /// <summary>A stop held by this node: a MARKET order is sent when the price crosses it.</summary>
    GuardStop,
    Cancel,
}
