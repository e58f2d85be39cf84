using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
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
/// so a soak can push a hundred thousand intents through the router in minutes. Fills reach the gateway on a
/// user-data stream, as Binance's do; market data is whatever the benchmark writes with <see cref="PublishAsync"/>.
/// Conditional orders (stops) are accepted and rest without an engine; orders and stops can be queried and stops cancelled. Only what market intents and protected
/// positions need is here; the scenario tests drive the real connector over loopback.
/// </summary>
internal sealed class EngineFuturesExchange(ExchangeEngine engine) : IFuturesExchange
{
    private readonly Channel<ExchangeEvent> _userData = Channel.CreateUnbounded<ExchangeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ExchangeEvent> _marketData = Channel.CreateUnbounded<ExchangeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ClientOrderId, Fill[]> _fills = new();
    private readonly ConcurrentDictionary<ClientOrderId, OrderSnapshot> _orders = new();
    private readonly ConcurrentDictionary<ClientOrderId, AlgoOrderSnapshot> _algoOrders = new();
    private long _nextAlgoId;

    public Market Market => Market.Futures;

    /// <summary>Called with the request and <see cref="Stopwatch.GetTimestamp"/> the moment an order is handed to this client.</summary>
    public Action<OrderRequest, long>? OnOrder { get; set; }

    /// <summary>When set, every plain order is refused with this code (a latency run whose entries must end at once).</summary>
    public int? RejectWith { get; set; }

    /// <summary>A market data event, delivered to the gateway's market-data subscription.</summary>
    public ValueTask PublishAsync(MarketDataEvent evt) => _marketData.Writer.WriteAsync(evt);

    public Task<IReadOnlyList<SymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<SymbolRules>>([]);

    public Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OnOrder?.Invoke(request, Stopwatch.GetTimestamp());
        if (RejectWith is { } code)
        {
            return Task.FromResult<OrderOutcome>(new OrderOutcome.Rejected(code, "refused by the benchmark"));
        }

        var result = engine.PlaceFuturesOrder(new FuturesOrderRequest(request.Symbol.Value, request.Side == OrderSide.Buy ? EngineSide.Buy : EngineSide.Sell, EngineType.Market)
        {
            Quantity = request.Quantity, ReduceOnly = request.ReduceOnly, NewClientOrderId = request.ClientOrderId.Value,
        });
        var snapshot = Snapshot(request, result.Order);
        var fills = result.Fills.Select(t => new Fill
        {
            Market = Market.Futures, Symbol = request.Symbol, TradeId = t.Id, OrderId = t.OrderId, Side = request.Side,
            Price = t.Price, Quantity = t.Qty, QuoteQuantity = t.QuoteQty, Commission = t.Commission, CommissionAsset = t.CommissionAsset,
            RealizedPnl = t.RealizedPnl, IsMaker = t.IsMaker, Time = DateTimeOffset.FromUnixTimeMilliseconds(t.Time),
        }).ToArray();
        _fills[request.ClientOrderId] = fills;
        _orders[request.ClientOrderId] = snapshot;
        foreach (var fill in fills)
        {
            _userData.Writer.TryWrite(new OrderUpdated { Market = Market.Futures, EventTime = fill.Time, Order = snapshot, ExecutionType = ExecutionType.Trade, LastFill = fill });
        }

        return Task.FromResult<OrderOutcome>(new OrderOutcome.Accepted(snapshot));
    }

    public Task<OrderOutcome> QueryOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) =>
        Task.FromResult<OrderOutcome>(_orders.TryGetValue(clientOrderId, out var order)
            ? new OrderOutcome.Accepted(order)
            : new OrderOutcome.Rejected(ExchangeErrorCodes.OrderDoesNotExist, "order does not exist"));

    public Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default) =>
        Task.FromResult<IExchangeSubscription>(new Subscription(_userData.Reader));

    public Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default) =>
        Task.FromResult<IExchangeSubscription>(new Subscription(_marketData.Reader));

    public Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<OrderSnapshot>> GetOpenOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default) => throw new NotSupportedException();

    /// <summary>The fills of orders placed through this client since <paramref name="since"/> (a fallback: the stream brings them first).</summary>
    public Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Fill>>(_fills.Values.SelectMany(f => f).Where(f => f.Symbol == symbol && (since is null || f.Time >= since)).ToList());

    public Task<AlgoOrderOutcome> PlaceConditionalOrderAsync(ConditionalOrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = _algoOrders[request.ClientAlgoId] = new AlgoOrderSnapshot
        {
            Symbol = request.Symbol, AlgoId = Interlocked.Increment(ref _nextAlgoId), ClientAlgoId = request.ClientAlgoId, Side = request.Side,
            Type = request.Type, Status = AlgoOrderStatus.New, Quantity = request.Quantity ?? 0m, TriggerPrice = request.TriggerPrice ?? 0m,
            ClosePosition = request.ClosePosition, ReduceOnly = request.ReduceOnly, UpdatedAt = DateTimeOffset.UtcNow,
        };
        return Task.FromResult<AlgoOrderOutcome>(new AlgoOrderOutcome.Accepted(order));
    }

    public Task<AlgoOrderOutcome> CancelConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) =>
        Task.FromResult<AlgoOrderOutcome>(_algoOrders.TryGetValue(clientAlgoId, out var order)
            ? new AlgoOrderOutcome.Accepted(_algoOrders[clientAlgoId] = order with { Status = AlgoOrderStatus.Canceled, UpdatedAt = DateTimeOffset.UtcNow })
            : new AlgoOrderOutcome.Rejected(ExchangeErrorCodes.OrderDoesNotExist, "order does not exist"));

    public Task<AlgoOrderOutcome> QueryConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) =>
        Task.FromResult<AlgoOrderOutcome>(_algoOrders.TryGetValue(clientAlgoId, out var order)
            ? new AlgoOrderOutcome.Accepted(order)
            : new AlgoOrderOutcome.Rejected(ExchangeErrorCodes.OrderDoesNotExist, "order does not exist"));

    public Task<IReadOnlyList<AlgoOrderSnapshot>> GetOpenConditionalOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Position>> GetPositionsAsync(Symbol? symbol = null, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Position>>([]);

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

    /// <summary>A stream that ends when the benchmark ends; nothing to close.</summary>
    private sealed class Subscription(ChannelReader<ExchangeEvent> events) : IExchangeSubscription
    {
        public ChannelReader<ExchangeEvent> Events { get; } = events;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
