namespace TradingActors.Trading.Positions;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
