namespace TradingActors.Exchange;

/// <summary>Spot trading: plain orders plus OCO order lists.</summary>
public interface ISpotExchange : IExchange
{
    Task<OrderListOutcome> PlaceOcoAsync(OcoOrderRequest request, CancellationToken ct = default);

    Task<OrderListOutcome> CancelOrderListAsync(Symbol symbol, ClientOrderId listClientOrderId, CancellationToken ct = default);

    Task<OrderListOutcome> QueryOrderListAsync(ClientOrderId listClientOrderId, CancellationToken ct = default);

    Task<IReadOnlyList<OrderListSnapshot>> GetOpenOrderListsAsync(CancellationToken ct = default);
}
