using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Support;

/// <summary>
/// A listen-key stream has no subscription answer, so nothing tells the client when the venue starts
/// routing events to a new connection. Tests probe: place small market orders until the stream shows one.
/// </summary>
internal static class StreamProbe
{
    public static async Task<OrderUpdated> PlaceUntilSeenAsync(IExchange exchange, EventRecorder events, string prefix)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var id = ClientOrderId.Create($"{prefix}-{attempt}");
            await exchange.PlaceOrderAsync(OrderRequest.MarketOrder(new Symbol("BTCUSDT"), id, OrderSide.Buy, 0.01m));
            try
            {
                return await events.WaitForAsync<OrderUpdated>(u => u.Order.ClientOrderId == id && u.Order.Status == OrderStatus.Filled, TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // The venue had not yet attached the new connection; try again.
            }
        }

        throw new TimeoutException($"No order event reached the stream after 10 orders ({prefix}).");
    }
}
