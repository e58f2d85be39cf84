namespace TradingActors.Trading.Orders;

/// <summary>Best bid and ask at a moment.</summary>
public readonly record struct Quote(decimal Bid, decimal Ask, DateTimeOffset At);
