namespace TradingActors.Exchange;

public enum StreamKind
{
    MarketData,
    UserData,
}
