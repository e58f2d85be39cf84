using TradingActors.Binance.Common;

namespace TradingActors.Binance.Futures.Http;

/// <summary>Raw USD-M futures REST client: one method per endpoint, answers left as classified JSON.</summary>
internal sealed class FuturesHttpClient(BinanceRestClient rest)
{
    public BinanceRestClient Rest { get; } = rest;

    public Task<RestResult> PingAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/ping", [], EndpointSecurity.None, 1, false, ct);

    public Task<RestResult> ExchangeInfoAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/exchangeInfo", [], EndpointSecurity.None, 1, false, ct);

    public Task<RestResult> NewOrderAsync(Parameters order, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/fapi/v1/order", order, EndpointSecurity.Signed, 0, true, ct);

    public Task<RestResult> QueryOrderAsync(string symbol, string origClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/order", new Parameters().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> CancelOrderAsync(string symbol, string origClientOrderId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Delete, "/fapi/v1/order", new Parameters().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> OpenOrdersAsync(string? symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", new Parameters().Add("symbol", symbol), EndpointSecurity.Signed, symbol is null ? 40 : 1, false, ct);

    public Task<RestResult> NewAlgoOrderAsync(Parameters order, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/fapi/v1/algoOrder", order, EndpointSecurity.Signed, 0, true, ct);

    public Task<RestResult> QueryAlgoOrderAsync(string clientAlgoId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/algoOrder", new Parameters().Add("clientAlgoId", clientAlgoId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> CancelAlgoOrderAsync(string clientAlgoId, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", new Parameters().Add("clientAlgoId", clientAlgoId), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> OpenAlgoOrdersAsync(string? symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", new Parameters().Add("symbol", symbol), EndpointSecurity.Signed, symbol is null ? 40 : 1, false, ct);

    public Task<RestResult> PositionRiskAsync(string? symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v2/positionRisk", new Parameters().Add("symbol", symbol), EndpointSecurity.Signed, 5, false, ct);

    public Task<RestResult> BalanceAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v2/balance", [], EndpointSecurity.Signed, 5, false, ct);

    public Task<RestResult> UserTradesAsync(string symbol, long? startTime, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/userTrades", new Parameters().Add("symbol", symbol).Add("startTime", startTime), EndpointSecurity.Signed, 5, false, ct);

    public Task<RestResult> LeverageAsync(string symbol, int leverage, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/fapi/v1/leverage", new Parameters().Add("symbol", symbol).Add("leverage", (long)leverage), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> MarginTypeAsync(string symbol, string marginType, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/fapi/v1/marginType", new Parameters().Add("symbol", symbol).Add("marginType", marginType), EndpointSecurity.Signed, 1, false, ct);

    public Task<RestResult> TickerPriceAsync(string symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/ticker/price", new Parameters().Add("symbol", symbol), EndpointSecurity.None, 1, false, ct);

    public Task<RestResult> PremiumIndexAsync(string symbol, CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Get, "/fapi/v1/premiumIndex", new Parameters().Add("symbol", symbol), EndpointSecurity.None, 1, false, ct);

    public Task<RestResult> CreateListenKeyAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", [], EndpointSecurity.ApiKey, 1, false, ct);

    public Task<RestResult> KeepAliveListenKeyAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", [], EndpointSecurity.ApiKey, 1, false, ct);

    public Task<RestResult> CloseListenKeyAsync(CancellationToken ct) =>
        Rest.SendAsync(HttpMethod.Delete, "/fapi/v1/listenKey", [], EndpointSecurity.ApiKey, 1, false, ct);
}
