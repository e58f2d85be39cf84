namespace TradingActors.Exchange;

/// <summary>What spot and futures have in common.</summary>
public interface IExchange
{
    Market Market { get; }

    Task<IReadOnlyList<SymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default);

    /// <summary>
    /// Places an order. Never resent blind: an unknown outcome is settled by a query by client id. Throws
    /// <see cref="ArgumentException"/> for an invalid request and <see cref="ExchangeRequestException"/> when the
    /// symbol rules cannot be loaded; in both cases nothing was sent.
    /// </summary>
    Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default);

    /// <summary>Cancels by client id; Accepted carries the order as cancelled.</summary>
    Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default);

    /// <summary>Looks an order up by client id; Rejected with <see cref="ExchangeErrorCodes.OrderDoesNotExist"/> when absent.</summary>
    Task<OrderOutcome> QueryOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default);

    Task<IReadOnlyList<OrderSnapshot>> GetOpenOrdersAsync(Symbol? symbol = null, CancellationToken ct = default);

    Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default);

    Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default);

    /// <summary>The symbol's last traded price (its price ticker): what values a commission paid in a third asset (BNB).</summary>
    Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken ct = default);

    Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default);

    Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default);
}
