namespace TradingActors.Simulator.Engine;

/// <summary>An accepted order and the fills it took on arrival.</summary>
public sealed record OrderResult(OrderSnapshot Order, IReadOnlyList<TradeSnapshot> Fills);
