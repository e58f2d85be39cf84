namespace TradingActors.Exchange;

public enum OrderSide
{
    Buy,
    Sell,
}
