using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingActors.Binance.Common;
using TradingActors.Binance.Futures.Http;
using TradingActors.Binance.Futures.WebSocket;
using TradingActors.Exchange;

namespace TradingActors.Binance;

/// <summary>
/// Binance USD-M futures behind <see cref="IFuturesExchange"/>. Plain orders go to
/// <c>/fapi/v1/order</c>, conditional ones to the Algo Order API; prices and quantities are rounded to
/// the symbol's filters; an unknown outcome is settled by querying by client (algo) id, never by
/// sending again.
/// </summary>
public sealed class BinanceFuturesExchange : IFuturesExchange, IDisposable
{
    private readonly BinanceOptions _options;
    private readonly BinanceCredentials _credentials;
    private readonly BinanceEndpoints _endpoints;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly SymbolRulesCache _rules;
    private readonly UnknownOutcomeResolver _resolver;

    public BinanceFuturesExchange(
        BinanceOptions options, BinanceCredentials credentials, HttpClient? httpClient = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        _options = options;
        _credentials = credentials;
        _endpoints = options.ResolveEndpoints();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BinanceFuturesExchange>();
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var rest = new BinanceRestClient(
            _httpClient, _endpoints.FuturesRest, "/fapi/v1/time", credentials, options,
            BinanceRateLimiter.ForFutures(options.RateLimitUtilization, _time), _time, _logger);
        Http = new FuturesHttpClient(rest);
        _rules = new SymbolRulesCache(LoadRulesAsync);
        _resolver = new UnknownOutcomeResolver(options, _time);
    }

    public Market Market => Market.Futures;

    internal FuturesHttpClient Http { get; }

    public Task<IReadOnlyList<SymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default) => _rules.ReloadAsync(ct);

    public async Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureSendable(request.ClientOrderId);
        var rules = await _rules.GetAsync(request.Symbol, ct).ConfigureAwait(false);
        var result = await Http.NewOrderAsync(BuildOrder(request, rules), ct).ConfigureAwait(false);
        var outcome = result.ToOrderOutcome(ParseOrder);
        if (outcome is OrderOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            _logger.LogWarning("Futures order {ClientOrderId}: outcome unknown ({Reason}); querying by client id.", request.ClientOrderId, unknown.Reason);
            outcome = await _resolver.ResolveAsync(
                token => QueryOrderAsync(request.Symbol, request.ClientOrderId, token),
                answer => answer is OrderOutcome.Accepted ? answer : null,
                reason => new OrderOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default)
    {
        var result = await Http.CancelOrderAsync(symbol.Value, clientOrderId.Value, ct).ConfigureAwait(false);
        var outcome = result.ToOrderOutcome(ParseOrder);
        if (outcome is OrderOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            outcome = await _resolver.ResolveAsync(
                token => QueryOrderAsync(symbol, clientOrderId, token),
                answer => answer is OrderOutcome.Accepted { Order.IsTerminal: true } ? answer : null,
                reason => new OrderOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<OrderOutcome> QueryOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default)
    {
        var result = await Http.QueryOrderAsync(symbol.Value, clientOrderId.Value, ct).ConfigureAwait(false);
        return result.ToOrderOutcome(ParseOrder);
    }

    public async Task<IReadOnlyList<OrderSnapshot>> GetOpenOrdersAsync(Symbol? symbol = null, CancellationToken ct = default)
    {
        var result = await Http.OpenOrdersAsync(symbol?.Value, ct).ConfigureAwait(false);
        return result.Read("Futures open orders", body => (IReadOnlyList<OrderSnapshot>)[.. BinanceJson.Deserialize<List<FuturesOrderWire>>(body).Select(FuturesParsing.ToSnapshot)]);
    }

    public async Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default)
    {
        var result = await Http.BalanceAsync(ct).ConfigureAwait(false);
        return result.Read("Futures balance", body => (IReadOnlyList<Balance>)[.. BinanceJson.Deserialize<List<FuturesBalanceWire>>(body).Select(b => new Balance(b.Asset, b.Balance, b.AvailableBalance))]);
    }

    public async Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default)
    {
        var result = await Http.UserTradesAsync(symbol.Value, since?.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return result.Read("Futures trades", body => (IReadOnlyList<Fill>)[.. BinanceJson.Deserialize<List<FuturesTradeWire>>(body).Select(FuturesParsing.ToFill)]);
    }

    public async Task<AlgoOrderOutcome> PlaceConditionalOrderAsync(ConditionalOrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureSendable(request.ClientAlgoId);
        var rules = await _rules.GetAsync(request.Symbol, ct).ConfigureAwait(false);
        var result = await Http.NewAlgoOrderAsync(BuildAlgoOrder(request, rules), ct).ConfigureAwait(false);
        var outcome = result.ToAlgoOutcome(ParseAlgoOrder);
        if (outcome is AlgoOrderOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            _logger.LogWarning("Futures algo order {ClientAlgoId}: outcome unknown ({Reason}); querying by client algo id.", request.ClientAlgoId, unknown.Reason);
            outcome = await _resolver.ResolveAsync(
                token => QueryConditionalOrderAsync(request.Symbol, request.ClientAlgoId, token),
                answer => answer is AlgoOrderOutcome.Accepted ? answer : null,
                reason => new AlgoOrderOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<AlgoOrderOutcome> CancelConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default)
    {
        var result = await Http.CancelAlgoOrderAsync(clientAlgoId.Value, ct).ConfigureAwait(false);
        var outcome = result.ToAlgoOutcome(body => TryParseAlgoOrder(body) ?? CanceledPlaceholder(symbol, clientAlgoId, body));
        if (outcome is AlgoOrderOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            outcome = await _resolver.ResolveAsync(
                token => QueryConditionalOrderAsync(symbol, clientAlgoId, token),
                answer => answer is AlgoOrderOutcome.Accepted { Order.Status: not (AlgoOrderStatus.New or AlgoOrderStatus.Triggering) } ? answer : null,
                reason => new AlgoOrderOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<AlgoOrderOutcome> QueryConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default)
    {
        var result = await Http.QueryAlgoOrderAsync(clientAlgoId.Value, ct).ConfigureAwait(false);
        return result.ToAlgoOutcome(ParseAlgoOrder);
    }

    public async Task<IReadOnlyList<AlgoOrderSnapshot>> GetOpenConditionalOrdersAsync(Symbol? symbol = null, CancellationToken ct = default)
    {
        var result = await Http.OpenAlgoOrdersAsync(symbol?.Value, ct).ConfigureAwait(false);
        return result.Read("Futures open algo orders", body => (IReadOnlyList<AlgoOrderSnapshot>)[.. ParseAlgoList(body).Select(FuturesParsing.ToSnapshot)]);
    }

    public async Task<IReadOnlyList<Position>> GetPositionsAsync(Symbol? symbol = null, CancellationToken ct = default)
    {
        var result = await Http.PositionRiskAsync(symbol?.Value, ct).ConfigureAwait(false);
        return result.Read("Futures positions", body => (IReadOnlyList<Position>)[.. BinanceJson.Deserialize<List<PositionRiskWire>>(body).Select(FuturesParsing.ToPosition)]);
    }

    public async Task<int> SetLeverageAsync(Symbol symbol, int leverage, CancellationToken ct = default)
    {
        var result = await Http.LeverageAsync(symbol.Value, leverage, ct).ConfigureAwait(false);
        return result.Read("Futures leverage", body => BinanceJson.Deserialize<LeverageWire>(body).Leverage);
    }

    public async Task SetMarginTypeAsync(Symbol symbol, MarginType marginType, CancellationToken ct = default)
    {
        var result = await Http.MarginTypeAsync(symbol.Value, BinanceWireEnums.MarginTypeName(marginType), ct).ConfigureAwait(false);
        if (result is RestResult.Rejected { Code: BinanceErrorCodes.NoNeedToChangeMarginType })
        {
            return;
        }

        result.Read("Futures margin type", _ => true);
    }

    public async Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken ct = default)
    {
        var result = await Http.TickerPriceAsync(symbol.Value, ct).ConfigureAwait(false);
        return result.Read("Futures price ticker", body => BinanceJson.Deserialize<TickerPriceWire>(body).Price);
    }

    public async Task<MarkPrice> GetMarkPriceAsync(Symbol symbol, CancellationToken ct = default)
    {
        var result = await Http.PremiumIndexAsync(symbol.Value, ct).ConfigureAwait(false);
        return result.Read("Futures mark price", body => FuturesParsing.ToMarkPrice(BinanceJson.Deserialize<PremiumIndexWire>(body)));
    }

    public async Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default) =>
        await FuturesMarketStream.StartAsync(_endpoints.FuturesStreams, streams, _options, _time, _logger, new SecretRedactor(_credentials), ct).ConfigureAwait(false);

    public async Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default) =>
        await FuturesUserDataStream.StartAsync(_endpoints.FuturesStreams, Http, _credentials, _options, _time, _logger, ct).ConfigureAwait(false);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    internal static Parameters BuildOrder(OrderRequest request, SymbolRules rules)
    {
        if (request.Type is not (OrderType.Limit or OrderType.Market))
        {
            throw new ArgumentException($"Futures {request.Type} orders go through PlaceConditionalOrderAsync (Algo Order API).", nameof(request));
        }

        var isMarket = request.Type == OrderType.Market;
        var p = new Parameters()
            .Add("symbol", request.Symbol.Value)
            .Add("side", BinanceWireEnums.Side(request.Side))
            .Add("type", isMarket ? "MARKET" : "LIMIT");
        if (!isMarket)
        {
            p.Add("timeInForce", BinanceWireEnums.TimeInForceName(request.TimeInForce ?? TimeInForce.GoodTillCanceled));
        }

        p.Add("quantity", BinanceSpotExchange.PositiveQuantity(rules.RoundQuantity(request.Quantity, isMarket), request.Quantity, rules));
        if (!isMarket)
        {
            p.Add("price", rules.RoundPrice(request.Price ?? throw new ArgumentException("A limit order needs a price.", nameof(request))));
        }

        return p.AddFlag("reduceOnly", request.ReduceOnly)
            .Add("newClientOrderId", request.ClientOrderId.Value)
            .Add("newOrderRespType", "RESULT");
    }

    internal static Parameters BuildAlgoOrder(ConditionalOrderRequest r, SymbolRules rules)
    {
        if (r.ClosePosition && (r.Quantity is not null || r.ReduceOnly))
        {
            throw new ArgumentException("closePosition excludes quantity and reduceOnly.", nameof(r));
        }

        if (r.ClosePosition && r.Type is not (ConditionalOrderType.StopMarket or ConditionalOrderType.TakeProfitMarket))
        {
            throw new ArgumentException("closePosition is only for stop-market and take-profit-market orders.", nameof(r));
        }

        if (!r.ClosePosition && r.Quantity is null)
        {
            throw new ArgumentException("A conditional order needs a quantity or closePosition.", nameof(r));
        }

        var p = new Parameters()
            .Add("algoType", "CONDITIONAL")
            .Add("symbol", r.Symbol.Value)
            .Add("side", BinanceWireEnums.Side(r.Side))
            .Add("type", BinanceWireEnums.ConditionalTypeName(r.Type));
        if (r.Type == ConditionalOrderType.TrailingStopMarket)
        {
            p.Add("callbackRate", r.CallbackRatePercent ?? throw new ArgumentException("A trailing stop needs a callback rate.", nameof(r)));
            p.Add("activatePrice", r.ActivationPrice is { } a ? rules.RoundPrice(a) : null);
        }
        else
        {
            p.Add("triggerPrice", rules.RoundPrice(r.TriggerPrice ?? throw new ArgumentException("A conditional order needs a trigger price.", nameof(r))));
        }

        if (r.Type is ConditionalOrderType.Stop or ConditionalOrderType.TakeProfit)
        {
            p.Add("price", rules.RoundPrice(r.Price ?? throw new ArgumentException("A stop or take-profit limit needs a price.", nameof(r))));
            p.Add("timeInForce", "GTC");
        }

        var isMarketType = r.Type is not (ConditionalOrderType.Stop or ConditionalOrderType.TakeProfit);
        p.Add("quantity", r.Quantity is { } q ? BinanceSpotExchange.PositiveQuantity(rules.RoundQuantity(q, isMarketType), q, rules) : null);
        return p.Add("workingType", BinanceWireEnums.WorkingTypeName(r.WorkingType))
            .AddFlag("closePosition", r.ClosePosition)
            .AddFlag("reduceOnly", r.ReduceOnly)
            .AddFlag("priceProtect", r.PriceProtect)
            .Add("clientAlgoId", r.ClientAlgoId.Value);
    }

    private static void EnsureSendable(ClientOrderId id)
    {
        if (!ClientOrderId.IsValid(id.Value))
        {
            throw new ArgumentException($"Client order id '{id.Value}' is not valid for sending (1-36 of [a-zA-Z0-9-_]).", nameof(id));
        }
    }

    private static OrderSnapshot ParseOrder(string body) => FuturesParsing.ToSnapshot(BinanceJson.Deserialize<FuturesOrderWire>(body));

    private static AlgoOrderSnapshot ParseAlgoOrder(string body) => FuturesParsing.ToSnapshot(BinanceJson.Deserialize<FuturesAlgoOrderWire>(body));

    private static AlgoOrderSnapshot? TryParseAlgoOrder(string body)
    {
        var wire = BinanceJson.Deserialize<FuturesAlgoOrderWire>(body);
        return wire.AlgoStatus is null || wire.Symbol.Length == 0 ? null : FuturesParsing.ToSnapshot(wire);
    }

    /// <summary>A cancel answer may carry only ids (<c>{"algoId":..,"clientAlgoId":..,"code":"200"}</c>).</summary>
    private static AlgoOrderSnapshot CanceledPlaceholder(Symbol symbol, ClientOrderId id, string body)
    {
        var wire = BinanceJson.Deserialize<FuturesAlgoOrderWire>(body);
        return new AlgoOrderSnapshot
        {
            Symbol = symbol,
            AlgoId = wire.AlgoId,
            ClientAlgoId = id,
            Side = OrderSide.Buy,
            Type = ConditionalOrderType.StopMarket,
            Status = AlgoOrderStatus.Canceled,
        };
    }

    /// <summary>The open algo orders answer is a list, or an object with the list under <c>orders</c>.</summary>
    private static List<FuturesAlgoOrderWire> ParseAlgoList(string body)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("orders", out var orders))
        {
            return BinanceJson.Deserialize<List<FuturesAlgoOrderWire>>(orders);
        }

        return BinanceJson.Deserialize<List<FuturesAlgoOrderWire>>(root);
    }

    private async Task<IReadOnlyList<SymbolRules>> LoadRulesAsync(CancellationToken ct)
    {
        var result = await Http.ExchangeInfoAsync(ct).ConfigureAwait(false);
        return result.Read("Futures exchangeInfo", body => SymbolRulesParser.Parse(Market.Futures, BinanceJson.Deserialize<ExchangeInfoWire>(body)));
    }
}
