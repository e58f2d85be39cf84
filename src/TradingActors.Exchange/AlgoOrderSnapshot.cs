namespace TradingActors.Exchange;

/// <summary>The state of a futures conditional (algo) order.</summary>
public sealed record AlgoOrderSnapshot
{
    public required Symbol Symbol { get; init; }
    public required long AlgoId { get; init; }
    public required ClientOrderId ClientAlgoId { get; init; }
    public required OrderSide Side { get; init; }
    public required ConditionalOrderType Type { get; init; }
    public required AlgoOrderStatus Status { get; init; }
    public decimal Quantity { get; init; }
    public decimal TriggerPrice { get; init; }
    public decimal Price { get; init; }
    public WorkingType WorkingType { get; init; }
    public bool ClosePosition { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionSide PositionSide { get; init; }

    /// <summary>Trailing stop: the price at which trailing starts, or null.</summary>
    public decimal? ActivationPrice { get; init; }

    /// <summary>Trailing stop: the callback rate in percent, or null.</summary>
    public decimal? CallbackRatePercent { get; init; }

    /// <summary>The regular order created when the trigger fired, or null.</summary>
    public long? TriggeredOrderId { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
