using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using OrderSide = TradingActors.Exchange.OrderSide;
using OrderType = TradingActors.Exchange.OrderType;
using TimeInForce = TradingActors.Exchange.TimeInForce;

namespace TradingActors.Node.Backtest;

/// <summary>Spot of the in-process venue: plain orders (post-only as LIMIT_MAKER) and OCO lists.</summary>
public sealed class EngineSpotExchange : EngineExchange, ISpotExchange
{
    internal EngineSpotExchange(EngineVenue venue)
        : base(venue, Market.Spot)
    {
    }

    public override Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = RulesOf(request.Symbol.Value);
        var isMarket = request.Type == OrderType.Market;
        var postOnly = request.Type == OrderType.Limit && request.TimeInForce == TimeInForce.PostOnly;
        if (request.TimeInForce == TimeInForce.GoodTillDate)
        {
            throw new ArgumentException("Spot does not support good-till-date orders.", nameof(request));
        }

        var needsTimeInForce = request.Type is OrderType.Limit or OrderType.StopLossLimit or OrderType.TakeProfitLimit && !postOnly;
        var needsPrice = !isMarket && request.Type is not OrderType.StopLoss and not OrderType.TakeProfit;
        var needsStop = request.Type is OrderType.StopLoss or OrderType.StopLossLimit or OrderType.TakeProfit or OrderType.TakeProfitLimit;
        var engineRequest = new SpotOrderRequest(request.Symbol.Value, EngineMapping.Side(request.Side), postOnly ? Simulator.Engine.OrderType.LimitMaker : EngineMapping.OrderType(request.Type))
        {
            Quantity = Positive(rules.RoundQuantity(request.Quantity, isMarket), request.Quantity, rules),
            Price = needsPrice ? rules.RoundPrice(request.Price ?? throw new ArgumentException($"A {request.Type} order needs a price.", nameof(request))) : null,
            StopPrice = needsStop ? rules.RoundPrice(request.StopPrice ?? throw new ArgumentException($"A {request.Type} order needs a stop price.", nameof(request))) : null,
            TimeInForce = needsTimeInForce ? EngineMapping.TimeInForce(request.TimeInForce ?? TimeInForce.GoodTillCanceled) : null,
            NewClientOrderId = request.ClientOrderId.Value,
        };
        return Order(() => Engine.PlaceSpotOrder(engineRequest).Order);
    }

    public override Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) =>
        Order(() => Engine.CancelSpotOrder(symbol.Value, null, clientOrderId.Value));

    public override Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Balance>>([.. Engine.SpotBalances().Select(b => new Balance(b.Asset, b.Free + b.Locked, b.Free))]);

    /// <summary>The connector's mapping: a SELL puts the take profit above and the stop below, a BUY the other way round.</summary>
    public Task<OrderListOutcome> PlaceOcoAsync(OcoOrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = RulesOf(request.Symbol.Value);
        var tp = rules.RoundPrice(request.TakeProfitPrice);
        var stop = rules.RoundPrice(request.StopPrice);
        var takeProfit = request.Side == OrderSide.Sell
            ? new OcoLeg(Simulator.Engine.OrderType.LimitMaker) { Price = tp }
            : new OcoLeg(Simulator.Engine.OrderType.TakeProfitLimit) { Price = tp, StopPrice = tp, TimeInForce = Simulator.Engine.TimeInForce.Gtc };
        takeProfit = takeProfit with { ClientOrderId = request.TakeProfitClientOrderId?.Value };
        var stopLeg = (request.StopLimitPrice is { } limit
            ? new OcoLeg(Simulator.Engine.OrderType.StopLossLimit) { StopPrice = stop, Price = rules.RoundPrice(limit), TimeInForce = Simulator.Engine.TimeInForce.Gtc }
            : new OcoLeg(Simulator.Engine.OrderType.StopLoss) { StopPrice = stop }) with { ClientOrderId = request.StopClientOrderId?.Value };
        var (above, below) = request.Side == OrderSide.Sell ? (takeProfit, stopLeg) : (stopLeg, takeProfit);
        var quantity = Positive(rules.RoundQuantity(request.Quantity), request.Quantity, rules);
        return List(() => Engine.PlaceSpotOco(new SpotOcoRequest(request.Symbol.Value, EngineMapping.Side(request.Side), quantity, above, below)
        {
            ListClientOrderId = request.ListClientOrderId.Value,
        }));
    }

    public Task<OrderListOutcome> CancelOrderListAsync(Symbol symbol, ClientOrderId listClientOrderId, CancellationToken ct = default) =>
        List(() => Engine.CancelOrderList(symbol.Value, null, listClientOrderId.Value));

    public Task<OrderListOutcome> QueryOrderListAsync(ClientOrderId listClientOrderId, CancellationToken ct = default) =>
        List(() => Engine.QueryOrderList(null, listClientOrderId.Value));

    public Task<IReadOnlyList<Exchange.OrderListSnapshot>> GetOpenOrderListsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Exchange.OrderListSnapshot>>([.. Engine.OrderLists(openOnly: true).Select(EngineMapping.List)]);

    private static Task<OrderListOutcome> List(Func<Simulator.Engine.OrderListSnapshot> call)
    {
        try
        {
            return Task.FromResult<OrderListOutcome>(new OrderListOutcome.Accepted(EngineMapping.List(call())));
        }
        catch (ExchangeErrorException e)
        {
            return Task.FromResult<OrderListOutcome>(new OrderListOutcome.Rejected(e.Code, e.Message));
        }
    }
}
