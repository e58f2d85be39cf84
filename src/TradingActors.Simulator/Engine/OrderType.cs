namespace TradingActors.Simulator.Engine;

/// <summary>Spot and futures order types; the wire spelling is the UPPER_SNAKE form (see <see cref="Wire"/>).</summary>
public enum OrderType
{
    Limit,
    Market,
    LimitMaker,
    StopLoss,
    StopLossLimit,
    TakeProfit,
    TakeProfitLimit,
    Stop,
    StopMarket,
    TakeProfitMarket,
    TrailingStopMarket,
}
