namespace TradingActors.Exchange;

/// <summary>
/// A futures conditional order (stop-market, take-profit-market, trailing stop, stop/take-profit limit),
/// held by the exchange until its trigger fires. <see cref="ClosePosition"/> closes the whole position
/// and excludes <see cref="Quantity"/> and <see cref="ReduceOnly"/>.
/// </summary>
public sealed record ConditionalOrderRequest
{
    public required Symbol Symbol { get; init; }
    public required ClientOrderId ClientAlgoId { get; init; }
    public required OrderSide Side { get; init; }
    public required ConditionalOrderType Type { get; init; }
    public decimal? TriggerPrice { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Price { get; init; }
    public bool ClosePosition { get; init; }
    public bool ReduceOnly { get; init; }
    public WorkingType WorkingType { get; init; } = WorkingType.MarkPrice;
    public bool PriceProtect { get; init; }

    /// <summary>Trailing stop: price at which trailing starts (optional).</summary>
    public decimal? ActivationPrice { get; init; }

    /// <summary>Trailing stop: callback rate in percent (0.1 to 10).</summary>
    public decimal? CallbackRatePercent { get; init; }

    public static ConditionalOrderRequest StopMarketClosePosition(
        Symbol symbol, ClientOrderId id, OrderSide side, decimal triggerPrice, WorkingType workingType = WorkingType.MarkPrice) =>
        new()
        {
            Symbol = symbol, ClientAlgoId = id, Side = side, Type = ConditionalOrderType.StopMarket,
            TriggerPrice = triggerPrice, ClosePosition = true, WorkingType = workingType,
        };

    public static ConditionalOrderRequest StopMarketReduceOnly(
        Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal triggerPrice, WorkingType workingType = WorkingType.MarkPrice) =>
        new()
        {
            Symbol = symbol, ClientAlgoId = id, Side = side, Type = ConditionalOrderType.StopMarket,
            TriggerPrice = triggerPrice, Quantity = quantity, ReduceOnly = true, WorkingType = workingType,
        };

    public static ConditionalOrderRequest TakeProfitMarketReduceOnly(
        Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal triggerPrice, WorkingType workingType = WorkingType.MarkPrice) =>
        new()
        {
            Symbol = symbol, ClientAlgoId = id, Side = side, Type = ConditionalOrderType.TakeProfitMarket,
            TriggerPrice = triggerPrice, Quantity = quantity, ReduceOnly = true, WorkingType = workingType,
        };

    public static ConditionalOrderRequest TrailingStopReduceOnly(
        Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal callbackRatePercent,
        decimal? activationPrice = null, WorkingType workingType = WorkingType.MarkPrice) =>
        new()
        {
            Symbol = symbol, ClientAlgoId = id, Side = side, Type = ConditionalOrderType.TrailingStopMarket,
            Quantity = quantity, ReduceOnly = true, CallbackRatePercent = callbackRatePercent,
            ActivationPrice = activationPrice, WorkingType = workingType,
        };
}
