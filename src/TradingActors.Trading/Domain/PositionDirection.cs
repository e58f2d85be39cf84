using TradingActors.Exchange;

namespace TradingActors.Trading.Domain;

/// <summary>Long or short. Spot positions are always long.</summary>
public enum PositionDirection
{
    Long,
    Short,
}

public static class PositionDirectionExtensions
{
    public static OrderSide EntrySide(this PositionDirection direction) =>
        direction == PositionDirection.Long ? OrderSide.Buy : OrderSide.Sell;

    public static OrderSide ExitSide(this PositionDirection direction) =>
        direction == PositionDirection.Long ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>+1 for long, -1 for short: profit per unit is <c>sign * (exit - entry)</c>.</summary>
    public static decimal Sign(this PositionDirection direction) => direction == PositionDirection.Long ? 1m : -1m;
}
