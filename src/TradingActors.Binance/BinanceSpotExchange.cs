using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingActors.Binance.Common;
using TradingActors.Binance.Spot.Http;
using TradingActors.Binance.Spot.WebSocket;
using TradingActors.Exchange;

namespace TradingActors.Binance;

/// <summary>
/// Binance Spot behind <see cref="ISpotExchange"/>. Prices and quantities are rounded to the symbol's
/// tick and step before sending; an unknown outcome is settled by querying by client id, never by
/// sending again.
/// </summary>
public sealed class BinanceSpotExchange : ISpotExchange, IDisposable
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

    public BinanceSpotExchange(
        BinanceOptions options, BinanceCredentials credentials, HttpClient? httpClient = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        _options = options;
        _credentials = credentials;
        _endpoints = options.ResolveEndpoints();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BinanceSpotExchange>();
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var rest = new BinanceRestClient(
            _httpClient, _endpoints.SpotRest, "/api/v3/time", credentials, options,
            BinanceRateLimiter.ForSpot(options.RateLimitUtilization, _time), _time, _logger);
        Http = new SpotHttpClient(rest);
        _rules = new SymbolRulesCache(LoadRulesAsync);
        _resolver = new UnknownOutcomeResolver(options, _time);
    }

    public Market Market => Market.Spot;

    internal SpotHttpClient Http { get; }

    public Task<IReadOnlyList<SymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default) => _rules.ReloadAsync(ct);

    public async Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureSendable(request.ClientOrderId);
        if (request.ReduceOnly)
        {
            throw new ArgumentException("Spot orders cannot be reduce-only.", nameof(request));
        }

        var rules = await _rules.GetAsync(request.Symbol, ct).ConfigureAwait(false);
        var parameters = BuildOrder(request, rules);
        var result = await Http.NewOrderAsync(parameters, ct).ConfigureAwait(false);
        var outcome = result.ToOrderOutcome(ParseOrder);
        if (outcome is OrderOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            _logger.LogWarning("Spot order {ClientOrderId}: outcome unknown ({Reason}); querying by client id.", request.ClientOrderId, unknown.Reason);
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
        return result.Read("Spot open orders", body => (IReadOnlyList<OrderSnapshot>)[.. BinanceJson.Deserialize<List<SpotOrderWire>>(body).Select(SpotParsing.ToSnapshot)]);
    }

    public async Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default)
    {
        var result = await Http.AccountAsync(ct).ConfigureAwait(false);
        return result.Read("Spot account", body => SpotParsing.ToBalances(BinanceJson.Deserialize<SpotAccountWire>(body)));
    }

    public async Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default)
    {
        var result = await Http.MyTradesAsync(symbol.Value, since?.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return result.Read("Spot trades", body => (IReadOnlyList<Fill>)[.. BinanceJson.Deserialize<List<SpotTradeWire>>(body).Select(SpotParsing.ToFill)]);
    }

    public async Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken ct = default)
    {
        var result = await Http.TickerPriceAsync(symbol.Value, ct).ConfigureAwait(false);
        return result.Read("Spot price ticker", body => BinanceJson.Deserialize<TickerPriceWire>(body).Price);
    }

    public async Task<OrderListOutcome> PlaceOcoAsync(OcoOrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureSendable(request.ListClientOrderId);
        var rules = await _rules.GetAsync(request.Symbol, ct).ConfigureAwait(false);
        var result = await Http.NewOrderListOcoAsync(BuildOco(request, rules), ct).ConfigureAwait(false);
        var outcome = result.ToOrderListOutcome(ParseOrderList);
        if (outcome is OrderListOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            _logger.LogWarning("Spot OCO {ListClientOrderId}: outcome unknown ({Reason}); querying by list client id.", request.ListClientOrderId, unknown.Reason);
            outcome = await _resolver.ResolveAsync(
                token => QueryOrderListAsync(request.ListClientOrderId, token),
                answer => answer is OrderListOutcome.Accepted ? answer : null,
                reason => new OrderListOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<OrderListOutcome> CancelOrderListAsync(Symbol symbol, ClientOrderId listClientOrderId, CancellationToken ct = default)
    {
        var result = await Http.CancelOrderListAsync(symbol.Value, listClientOrderId.Value, ct).ConfigureAwait(false);
        var outcome = result.ToOrderListOutcome(ParseOrderList);
        if (outcome is OrderListOutcome.Unknown unknown && !ct.IsCancellationRequested)
        {
            outcome = await _resolver.ResolveAsync(
                token => QueryOrderListAsync(listClientOrderId, token),
                answer => answer is OrderListOutcome.Accepted { OrderList.Status: not OrderListStatus.Executing } ? answer : null,
                reason => new OrderListOutcome.Unknown(reason),
                unknown.Reason,
                ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<OrderListOutcome> QueryOrderListAsync(ClientOrderId listClientOrderId, CancellationToken ct = default)
    {
        var result = await Http.QueryOrderListAsync(listClientOrderId.Value, ct).ConfigureAwait(false);
        return result.ToOrderListOutcome(ParseOrderList);
    }

    public async Task<IReadOnlyList<OrderListSnapshot>> GetOpenOrderListsAsync(CancellationToken ct = default)
    {
        var result = await Http.OpenOrderListAsync(ct).ConfigureAwait(false);
        return result.Read("Spot open order lists", body => (IReadOnlyList<OrderListSnapshot>)[.. BinanceJson.Deserialize<List<SpotOrderListWire>>(body).Select(SpotParsing.ToOrderList)]);
    }

    public async Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default) =>
        await SpotMarketStream.StartAsync(_endpoints.SpotStreams, streams, _options, _time, _logger, new SecretRedactor(_credentials), ct).ConfigureAwait(false);

    public async Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default) =>
        await SpotUserDataStream.StartAsync(_endpoints.SpotWebSocketApi, _credentials, Http.Rest, _options, _time, _logger, ct).ConfigureAwait(false);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    internal static Parameters BuildOrder(OrderRequest request, SymbolRules rules)
    {
        var p = new Parameters()
            .Add("symbol", request.Symbol.Value)
            .Add("side", BinanceWireEnums.Side(request.Side));
        var isMarket = request.Type == OrderType.Market;
        var postOnly = request.Type == OrderType.Limit && request.TimeInForce == TimeInForce.PostOnly;
        p.Add("type", postOnly ? "LIMIT_MAKER" : BinanceWireEnums.OrderTypeName(request.Type));
        var needsTimeInForce = request.Type is OrderType.Limit or OrderType.StopLossLimit or OrderType.TakeProfitLimit;
        if (needsTimeInForce && !postOnly)
        {
            var tif = request.TimeInForce ?? TimeInForce.GoodTillCanceled;
            if (tif is TimeInForce.GoodTillDate)
            {
                throw new ArgumentException("Spot does not support good-till-date orders.", nameof(request));
            }

            p.Add("timeInForce", BinanceWireEnums.TimeInForceName(tif));
        }

        p.Add("quantity", PositiveQuantity(rules.RoundQuantity(request.Quantity, isMarket), request.Quantity, rules));
        if (!isMarket && request.Type is not OrderType.StopLoss and not OrderType.TakeProfit)
        {
            p.Add("price", rules.RoundPrice(request.Price ?? throw new ArgumentException($"A {request.Type} order needs a price.", nameof(request))));
        }

        if (request.Type is OrderType.StopLoss or OrderType.StopLossLimit or OrderType.TakeProfit or OrderType.TakeProfitLimit)
        {
            p.Add("stopPrice", rules.RoundPrice(request.StopPrice ?? throw new ArgumentException($"A {request.Type} order needs a stop price.", nameof(request))));
        }

        return p.Add("newClientOrderId", request.ClientOrderId.Value).Add("newOrderRespType", "RESULT");
    }

    /// <summary>
    /// Maps the OCO to <c>orderList/oco</c>: a SELL puts the take profit above (LIMIT_MAKER) and the stop
    /// below; a BUY puts the stop above and the take profit below (TAKE_PROFIT_LIMIT, as LIMIT_MAKER is
    /// not a documented below type).
    /// </summary>
    internal static Parameters BuildOco(OcoOrderRequest r, SymbolRules rules)
    {
        var p = new Parameters()
            .Add("symbol", r.Symbol.Value)
            .Add("listClientOrderId", r.ListClientOrderId.Value)
            .Add("side", BinanceWireEnums.Side(r.Side))
            .Add("quantity", rules.RoundQuantity(r.Quantity));
        var tp = rules.RoundPrice(r.TakeProfitPrice);
        var stop = rules.RoundPrice(r.StopPrice);
        decimal? stopLimit = r.StopLimitPrice is { } sl ? rules.RoundPrice(sl) : null;
        var (tpLeg, stopLeg) = r.Side == OrderSide.Sell ? ("above", "below") : ("below", "above");
        if (r.Side == OrderSide.Sell)
        {
            p.Add("aboveType", "LIMIT_MAKER").Add("abovePrice", tp);
        }
        else
        {
            p.Add("belowType", "TAKE_PROFIT_LIMIT").Add("belowPrice", tp).Add("belowStopPrice", tp).Add("belowTimeInForce", "GTC");
        }

        p.Add(tpLeg + "ClientOrderId", r.TakeProfitClientOrderId?.Value);
        if (stopLimit is { } limit)
        {
            p.Add(stopLeg + "Type", "STOP_LOSS_LIMIT").Add(stopLeg + "StopPrice", stop).Add(stopLeg + "Price", limit).Add(stopLeg + "TimeInForce", "GTC");
        }
        else
        {
            p.Add(stopLeg + "Type", "STOP_LOSS").Add(stopLeg + "StopPrice", stop);
        }

        return p.Add(stopLeg + "ClientOrderId", r.StopClientOrderId?.Value).Add("newOrderRespType", "RESULT");
    }

    /// <summary>A quantity that rounds to nothing is bad input, not something to send.</summary>
    internal static decimal PositiveQuantity(decimal rounded, decimal requested, SymbolRules rules) =>
        rounded > 0m
            ? rounded
            : throw new ArgumentException($"Quantity {requested} of {rules.Symbol} rounds to zero with step size {rules.StepSize}.", nameof(requested));

    private static void EnsureSendable(ClientOrderId id)
    {
        if (!ClientOrderId.IsValid(id.Value))
        {
            throw new ArgumentException($"Client order id '{id.Value}' is not valid for sending (1-36 of [a-zA-Z0-9-_]).", nameof(id));
        }
    }

    private static OrderSnapshot ParseOrder(string body) => SpotParsing.ToSnapshot(BinanceJson.Deserialize<SpotOrderWire>(body));

    private static OrderListSnapshot ParseOrderList(string body) => SpotParsing.ToOrderList(BinanceJson.Deserialize<SpotOrderListWire>(body));

    private async Task<IReadOnlyList<SymbolRules>> LoadRulesAsync(CancellationToken ct)
    {
        var result = await Http.ExchangeInfoAsync(ct).ConfigureAwait(false);
        return result.Read("Spot exchangeInfo", body => SymbolRulesParser.Parse(Market.Spot, BinanceJson.Deserialize<ExchangeInfoWire>(body)));
    }
}
