using TradingActors.Binance.Common;

namespace TradingActors.Binance.Spot.Http;

/// <summary>Raw spot REST client: one method per endpoint, answers left as classified JSON.</summary>
internal sealed class SpotHttpClient(BinanceRestClient rest)
{
    public BinanceRestClient Rest { get; } = rest;

    public Task<RestResult> PingAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/ping", [], EndpointSecurity.None, 1, false, ct);

    public Task<RestResult> ExchangeInfoAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/exchangeInfo", [], EndpointSecurity.None, 20, false, ct);

    public Task<RestResult> NewOrderAsync(Parameters order, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/api/v3/order", order, EndpointSecurity.Signed, 1, true, ct);

    public Task<RestResult> QueryOrderAsync(string symbol, string origClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/order", new Parameters().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId), EndpointSecurity.Signed, 4, false, ct);

    public Task<RestResult> CancelOrderAsync(string symbol, string origClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Delete, "/api/v3/order", new Parameters().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> OpenOrdersAsync(string? symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/openOrders", new Parameters().Add("symbol", symbol), EndpointSecurity.Signed, symbol is null ? 80 : 6, false, ct);

    public Task<RestResult> AccountAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/account", new Parameters().Add("omitZeroBalances", "true"), EndpointSecurity.Signed, 20, false, ct);

    public Task<RestResult> MyTradesAsync(string symbol, long? startTime, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/myTrades", new Parameters().Add("symbol", symbol).Add("startTime", startTime), EndpointSecurity.Signed, 20, false, ct);

    public Task<RestResult> TickerPriceAsync(string symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/ticker/price", new Parameters().Add("symbol", symbol), EndpointSecurity.None, 2, false, ct);

    public Task<RestResult> NewOrderListOcoAsync(Parameters list, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/api/v3/orderList/oco", list, EndpointSecurity.Signed, 1, true, ct);

    public Task<RestResult> CancelOrderListAsync(string symbol, string listClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Delete, "/api/v3/orderList", new Parameters().Add("symbol", symbol).Add("listClientOrderId", listClientOrderId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> QueryOrderListAsync(string origClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/orderList", new Parameters().Add("origClientOrderId", origClientOrderId), EndpointSecurity.Signed, 4, false, ct);

    public Task<RestResult> OpenOrderListAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/api/v3/openOrderList", [], EndpointSecurity.Signed, 6, false, ct);
}
