namespace TradingActors.Trading.Positions;

/// <summary>What protects an open position.</summary>
public enum ProtectionKind
{
    /// <summary>An exchange-held stop (futures STOP_MARKET algo order, or a spot stop-loss order).</summary>
    Stop,
    TakeProfit,

    /// <summary>A futures TRAILING_STOP_MARKET the exchange trails, beside the stop (a stop the node trails is a <see cref="Stop"/>).</summary>
    TrailingStop,

    /// <summary>A spot OCO holding both take profit and stop.</summary>
    Oco,

    /// <summary>No exchange order can hold the stop: the node watches the price and sends a MARKET order.</summary>
    GuardStop,
}
