namespace TradingActors.Exchange;

public enum MarginType
{
    Isolated,
    Cross,
}
