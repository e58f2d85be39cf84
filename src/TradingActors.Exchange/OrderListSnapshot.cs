namespace TradingActors.Exchange;

/// <summary>A spot order list (OCO) and the orders in it.</summary>
public sealed record OrderListSnapshot
{
    public required Symbol Symbol { get; init; }
    public required long OrderListId { get; init; }
    public required ClientOrderId ListClientOrderId { get; init; }
    public required OrderListStatus Status { get; init; }

    /// <summary>The legs: full snapshots where the venue sent them, otherwise id-only entries.</summary>
    public required IReadOnlyList<OrderListLeg> Legs { get; init; }
    public IReadOnlyList<OrderSnapshot> Orders { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One order of an order list by its ids.</summary>
public sealed record OrderListLeg(long OrderId, ClientOrderId ClientOrderId);
