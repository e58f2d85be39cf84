namespace TradingActors.Trading.Gateways;

/// <summary>A gateway lost a subscription it cannot resume by itself; its supervisor restarts it.</summary>
public sealed class StreamEndedException(string message, Exception? inner) : Exception(message, inner);
