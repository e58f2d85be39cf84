namespace TradingActors.Simulator.Engine;

/// <summary>A spot OCO: two legs, one of which cancels the other.</summary>
public sealed record OrderListSnapshot(
    string Symbol,
    long OrderListId,
    string ListClientOrderId,
    string ListStatusType,
    string ListOrderStatus,
    long TransactionTime,
    IReadOnlyList<OrderSnapshot> Orders);
