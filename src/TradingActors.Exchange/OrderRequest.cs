namespace TradingActors.Exchange;

/// <summary>
/// A plain order (limit, market, post-only, IOC, FOK; spot stop and take-profit orders with a
/// <see cref="StopPrice"/>). Build it with the factories so the combination is valid.
/// </summary>
public sealed record OrderRequest
{
    public required Symbol Symbol { get; init; }
    public required ClientOrderId ClientOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public required decimal Quantity { get; init; }
    public decimal? Price { get; init; }
    public decimal? StopPrice { get; init; }
    public TimeInForce? TimeInForce { get; init; }

    /// <summary>Futures only: the order may only reduce the position.</summary>
    public bool ReduceOnly { get; init; }

    public static OrderRequest Limit(
        Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal price,
        TimeInForce timeInForce = Exchange.TimeInForce.GoodTillCanceled, bool reduceOnly = false) =>
        new()
        {
            Symbol = symbol, ClientOrderId = id, Side = side, Type = OrderType.Limit,
            Quantity = quantity, Price = price, TimeInForce = timeInForce, ReduceOnly = reduceOnly,
        };

    public static OrderRequest PostOnly(Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal price, bool reduceOnly = false) =>
        Limit(symbol, id, side, quantity, price, Exchange.TimeInForce.PostOnly, reduceOnly);

    public static OrderRequest ImmediateOrCancel(Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal price, bool reduceOnly = false) =>
        Limit(symbol, id, side, quantity, price, Exchange.TimeInForce.ImmediateOrCancel, reduceOnly);

    public static OrderRequest FillOrKill(Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal price, bool reduceOnly = false) =>
        Limit(symbol, id, side, quantity, price, Exchange.TimeInForce.FillOrKill, reduceOnly);

    public static OrderRequest MarketOrder(Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, bool reduceOnly = false) =>
        new()
        {
            Symbol = symbol, ClientOrderId = id, Side = side, Type = OrderType.Market,
            Quantity = quantity, ReduceOnly = reduceOnly,
        };

    /// <summary>Spot stop-loss limit: rests until <paramref name="stopPrice"/> trades, then a limit at <paramref name="price"/>.</summary>
    public static OrderRequest StopLossLimit(Symbol symbol, ClientOrderId id, OrderSide side, decimal quantity, decimal stopPrice, decimal price) =>
        new()
        {
            Symbol = symbol, ClientOrderId = id, Side = side, Type = OrderType.StopLossLimit,
            Quantity = quantity, StopPrice = stopPrice, Price = price,
            TimeInForce = Exchange.TimeInForce.GoodTillCanceled,
        };
}
