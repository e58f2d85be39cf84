using TradingActors.Exchange;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;
using FuturesOrderRequest = TradingActors.Simulator.Engine.FuturesOrderRequest;
using EngineSide = TradingActors.Simulator.Engine.OrderSide;
using EngineStatus = TradingActors.Simulator.Engine.OrderStatus;
using EngineType = TradingActors.Simulator.Engine.OrderType;
using MarkPrice = TradingActors.Exchange.MarkPrice;
using OrderSide = TradingActors.Exchange.OrderSide;
using OrderStatus = TradingActors.Exchange.OrderStatus;
using OrderType = TradingActors.Exchange.OrderType;

namespace TradingActors.Benchmarks;

/// <summary>
/// The simulator's matching engine behind the futures exchange contract, in process: no HTTP and no rate limits,
/// so a soak can push a million intents through the router in minutes. Only what market intents need is here;
/// the scenario tests drive the real connector over loopback.
/// </summary>
internal sealed class EngineFuturesExchange(ExchangeEngine engine) : IFuturesExchange
{
    public Market Market => Market.Futures;

    public Task<IReadOnlyList<SymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<SymbolRules>>([]);

    public Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = engine.PlaceFuturesOrder(new FuturesOrderRequest(request.Symbol.Value, request.Side == OrderSide.Buy ? EngineSide.Buy : EngineSide.Sell, EngineType.Market)
        {
            Quantity = request.Quantity, ReduceOnly = request.ReduceOnly, NewClientOrderId = request.ClientOrderId.Value,
        });
        return Task.FromResult<OrderOutcome>(new OrderOutcome.Accepted(Snapshot(request, result.Order)));
    }

    public Task<OrderOutcome> QueryOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) =>
        Task.FromResult<OrderOutcome>(new OrderOutcome.Rejected(ExchangeErrorCodes.OrderDoesNotExist, "not kept by the soak exchange"));

    public Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<OrderSnapshot>> GetOpenOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default) => throw new NotSupportedException();

    /// <summary>The engine's latest fills: a finished intent fetches its trades when no stream brought them.</summary>
    public Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Fill>>(engine.Trades(Simulator.Engine.MarketKind.Futures, symbol.Value, 1000).Select(t => new Fill
        {
            Market = Market.Futures, Symbol = symbol, TradeId = t.Id, OrderId = t.OrderId, Side = t.Side == EngineSide.Buy ? OrderSide.Buy : OrderSide.Sell,
            Price = t.Price, Quantity = t.Qty, QuoteQuantity = t.QuoteQty, Commission = t.Commission, CommissionAsset = t.CommissionAsset,
            RealizedPnl = t.RealizedPnl, IsMaker = t.IsMaker, Time = DateTimeOffset.FromUnixTimeMilliseconds(t.Time),
        }).ToList());

    public Task<AlgoOrderOutcome> PlaceConditionalOrderAsync(ConditionalOrderRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AlgoOrderOutcome> CancelConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AlgoOrderOutcome> QueryConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<AlgoOrderSnapshot>> GetOpenConditionalOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Position>> GetPositionsAsync(Symbol? symbol = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<int> SetLeverageAsync(Symbol symbol, int leverage, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SetMarginTypeAsync(Symbol symbol, MarginType marginType, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MarkPrice> GetMarkPriceAsync(Symbol symbol, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken ct = default) =>
        Task.FromResult(engine.Price(Simulator.Engine.MarketKind.Futures, symbol.Value).Last);

    private static OrderSnapshot Snapshot(OrderRequest request, Simulator.Engine.OrderSnapshot order) => new()
    {
        Market = Market.Futures, Symbol = request.Symbol, OrderId = order.OrderId, ClientOrderId = request.ClientOrderId,
        Side = request.Side, Type = OrderType.Market, OriginalQuantity = order.OrigQty, ExecutedQuantity = order.ExecutedQty,
        CumulativeQuoteQuantity = order.CumQuote, AveragePrice = order.AvgPrice,
        Status = order.Status switch
        {
            EngineStatus.Filled => OrderStatus.Filled,
            EngineStatus.PartiallyFilled => OrderStatus.PartiallyFilled,
            EngineStatus.Expired => OrderStatus.Expired,
            EngineStatus.Rejected => OrderStatus.Rejected,
            EngineStatus.Canceled => OrderStatus.Canceled,
            _ => OrderStatus.New,
        },
    };
}
