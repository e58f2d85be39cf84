namespace TradingActors.Exchange;

/// <summary>The two venues the system trades.</summary>
public enum Market
{
    Spot,
    Futures,
}
