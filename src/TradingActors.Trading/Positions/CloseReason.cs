namespace TradingActors.Trading.Positions;

public enum CloseReason
{
    StopLoss,
    TakeProfit,
    TrailingStop,
    Manual,
    KillSwitch,
    Aged,
    Strategy,
    Reconciled,
}
