namespace TradingActors.Simulator.Engine;

/// <summary>A futures conditional order held by the Algo Order API until its trigger fires.</summary>
public sealed record AlgoOrderSnapshot
{
    public required string Symbol { get; init; }

    public required long AlgoId { get; init; }

    public required string ClientAlgoId { get; init; }

    public required OrderSide Side { get; init; }

    public required OrderType OrderType { get; init; }

    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    public decimal Quantity { get; init; }

    public decimal TriggerPrice { get; init; }

    public decimal Price { get; init; }

    public WorkingType WorkingType { get; init; }

    public bool ClosePosition { get; init; }

    public bool ReduceOnly { get; init; }

    public bool PriceProtect { get; init; }

    public decimal ActivatePrice { get; init; }

    public decimal CallbackRate { get; init; }

    public AlgoStatus Status { get; init; }

    /// <summary>The regular order created when the trigger fired; 0 before.</summary>
    public long ActualOrderId { get; init; }

    public decimal ActualPrice { get; init; }

    public decimal ActualQty { get; init; }

    public long CreateTime { get; init; }

    public long UpdateTime { get; init; }

    public long TriggerTime { get; init; }

    public bool IsOpen => Status is AlgoStatus.New or AlgoStatus.Triggering;
}
