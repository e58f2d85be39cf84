namespace TradingActors.Simulator.Engine;

/// <summary>A new spot order, parsed from the wire but not yet validated against the symbol's rules.</summary>
public sealed record SpotOrderRequest(string Symbol, OrderSide Side, OrderType Type)
{
    public TimeInForce? TimeInForce { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? QuoteOrderQty { get; init; }

    public decimal? Price { get; init; }

    public decimal? StopPrice { get; init; }

    public string? NewClientOrderId { get; init; }
}

/// <summary>A new futures LIMIT or MARKET order on /fapi/v1/order.</summary>
public sealed record FuturesOrderRequest(string Symbol, OrderSide Side, OrderType Type)
{
    public TimeInForce? TimeInForce { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Price { get; init; }

    public bool ReduceOnly { get; init; }

    public string? PositionSide { get; init; }

    public string? NewClientOrderId { get; init; }
}

/// <summary>A new futures conditional order on /fapi/v1/algoOrder.</summary>
public sealed record AlgoOrderRequest(string Symbol, OrderSide Side, OrderType Type)
{
    public TimeInForce? TimeInForce { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Price { get; init; }

    public decimal? TriggerPrice { get; init; }

    public WorkingType WorkingType { get; init; } = WorkingType.ContractPrice;

    public bool ClosePosition { get; init; }

    public bool ReduceOnly { get; init; }

    public bool PriceProtect { get; init; }

    public decimal? ActivatePrice { get; init; }

    public decimal? CallbackRate { get; init; }

    public string? PositionSide { get; init; }

    public string? ClientAlgoId { get; init; }
}

/// <summary>One leg of a spot OCO.</summary>
public sealed record OcoLeg(OrderType Type)
{
    public decimal? Price { get; init; }

    public decimal? StopPrice { get; init; }

    public TimeInForce? TimeInForce { get; init; }

    public string? ClientOrderId { get; init; }
}

/// <summary>A spot OCO: the leg priced above the market and the leg priced below it.</summary>
public sealed record SpotOcoRequest(string Symbol, OrderSide Side, decimal Quantity, OcoLeg Above, OcoLeg Below)
{
    public string? ListClientOrderId { get; init; }
}
