namespace TradingActors.Exchange;

/// <summary>
/// One asset's balance. Spot: <see cref="Total"/> = free + locked, <see cref="Available"/> = free.
/// Futures: wallet balance and available balance.
/// </summary>
public sealed record Balance(string Asset, decimal Total, decimal Available);
