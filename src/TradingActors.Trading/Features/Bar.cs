namespace TradingActors.Trading.Features;

/// <summary>One closed candle: the unit every bar indicator consumes.</summary>
public readonly record struct Bar(DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    public static Bar FromClose(decimal close) => new(default, close, close, close, close, 0m);
}
