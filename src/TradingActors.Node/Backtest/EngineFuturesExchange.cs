using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using OrderSide = TradingActors.Exchange.OrderSide;
using OrderType = TradingActors.Exchange.OrderType;
using TimeInForce = TradingActors.Exchange.TimeInForce;
using MarkPrice = TradingActors.Exchange.MarkPrice;
using MarginType = TradingActors.Exchange.MarginType;

namespace TradingActors.Node.Backtest;

/// <summary>USD-M futures of the in-process venue: orders, conditional (algo) orders, positions, leverage.</summary>
public sealed class EngineFuturesExchange : EngineExchange, IFuturesExchange
{
    internal EngineFuturesExchange(EngineVenue venue)
        : base(venue, Market.Futures)
    {
    }

    public override Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type is not (OrderType.Limit or OrderType.Market))
        {
            throw new ArgumentException($"Futures {request.Type} orders go through PlaceConditionalOrderAsync (Algo Order API).", nameof(request));
        }

        var rules = RulesOf(request.Symbol.Value);
        var isMarket = request.Type == OrderType.Market;
        var engineRequest = new FuturesOrderRequest(request.Symbol.Value, EngineMapping.Side(request.Side), EngineMapping.OrderType(request.Type))
        {
            Quantity = Positive(rules.RoundQuantity(request.Quantity, isMarket), request.Quantity, rules),
            Price = isMarket ? null : rules.RoundPrice(request.Price ?? throw new ArgumentException("A limit order needs a price.", nameof(request))),
            TimeInForce = isMarket ? null : EngineMapping.TimeInForce(request.TimeInForce),
            ReduceOnly = request.ReduceOnly,
            NewClientOrderId = request.ClientOrderId.Value,
        };
        return Order(() => Engine.PlaceFuturesOrder(engineRequest).Order);
    }

    public override Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) =>
        Order(() => Engine.CancelFuturesOrder(symbol.Value, null, clientOrderId.Value));

    public override Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default)
    {
        var account = Engine.FuturesAccount();
        return Task.FromResult<IReadOnlyList<Balance>>([new Balance("USDT", account.WalletBalance, account.AvailableBalance)]);
    }

    public Task<AlgoOrderOutcome> PlaceConditionalOrderAsync(ConditionalOrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = RulesOf(request.Symbol.Value);
        var type = EngineMapping.ConditionalType(request.Type);
        var isMarketType = request.Type is ConditionalOrderType.StopMarket or ConditionalOrderType.TakeProfitMarket or ConditionalOrderType.TrailingStopMarket;
        var engineRequest = new AlgoOrderRequest(request.Symbol.Value, EngineMapping.Side(request.Side), type)
        {
            Quantity = request.Quantity is { } q ? Positive(rules.RoundQuantity(q, isMarketType), q, rules) : null,
            Price = request.Price is { } p ? rules.RoundPrice(p) : null,
            TimeInForce = request.Price is null ? null : Simulator.Engine.TimeInForce.Gtc,
            TriggerPrice = request.Type == ConditionalOrderType.TrailingStopMarket ? null : request.TriggerPrice is { } t ? rules.RoundPrice(t) : null,
            WorkingType = EngineMapping.WorkingType(request.WorkingType),
            ClosePosition = request.ClosePosition,
            ReduceOnly = request.ReduceOnly,
            PriceProtect = request.PriceProtect,
            ActivatePrice = request.ActivationPrice is { } a ? rules.RoundPrice(a) : null,
            CallbackRate = request.CallbackRatePercent,
            ClientAlgoId = request.ClientAlgoId.Value,
        };
        return Algo(() => Engine.PlaceAlgoOrder(engineRequest));
    }

    public Task<AlgoOrderOutcome> CancelConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) =>
        Algo(() => Engine.CancelAlgoOrder(null, clientAlgoId.Value));

    public Task<AlgoOrderOutcome> QueryConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default) =>
        Algo(() => Engine.QueryAlgoOrder(null, clientAlgoId.Value));

    public Task<IReadOnlyList<Exchange.AlgoOrderSnapshot>> GetOpenConditionalOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Exchange.AlgoOrderSnapshot>>([.. Engine.AlgoOrders(symbol?.Value, openOnly: true).Select(EngineMapping.Algo)]);

    public Task<IReadOnlyList<Position>> GetPositionsAsync(Symbol? symbol = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Position>>([.. Engine.Positions().Where(p => symbol is null || p.Symbol == symbol.Value.Value).Select(EngineMapping.Position)]);

    public Task<int> SetLeverageAsync(Symbol symbol, int leverage, CancellationToken ct = default)
    {
        try
        {
            return Task.FromResult(Engine.SetLeverage(symbol.Value, leverage).Leverage);
        }
        catch (ExchangeErrorException e)
        {
            return Task.FromException<int>(new ExchangeRequestException(e.Code, e.Message));
        }
    }

    public Task SetMarginTypeAsync(Symbol symbol, MarginType marginType, CancellationToken ct = default)
    {
        try
        {
            Engine.SetMarginType(symbol.Value, marginType == MarginType.Isolated ? Simulator.Engine.MarginType.Isolated : Simulator.Engine.MarginType.Crossed);
            return Task.CompletedTask;
        }
        catch (ExchangeErrorException e) when (e.Code == Errors.NoNeedToChangeMarginType().Code)
        {
            return Task.CompletedTask;
        }
        catch (ExchangeErrorException e)
        {
            return Task.FromException(new ExchangeRequestException(e.Code, e.Message));
        }
    }

    public Task<MarkPrice> GetMarkPriceAsync(Symbol symbol, CancellationToken ct = default)
    {
        var price = Engine.Price(MarketKind.Futures, symbol.Value);
        return Task.FromResult(new MarkPrice
        {
            Market = Market.Futures, Symbol = symbol, EventTime = EngineMapping.Time(price.Time), Price = price.Mark, IndexPrice = price.Index,
            FundingRate = Engine.Options.FundingRate, NextFundingTime = EngineMapping.Time(Engine.NextFundingTime),
        });
    }

    private static Task<AlgoOrderOutcome> Algo(Func<Simulator.Engine.AlgoOrderSnapshot> call)
    {
        try
        {
            return Task.FromResult<AlgoOrderOutcome>(new AlgoOrderOutcome.Accepted(EngineMapping.Algo(call())));
        }
        catch (ExchangeErrorException e)
        {
            return Task.FromResult<AlgoOrderOutcome>(new AlgoOrderOutcome.Rejected(e.Code, e.Message));
        }
    }
}
