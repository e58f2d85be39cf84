namespace TradingActors.Simulator.Engine;

/// <summary>PUT /fapi/v1/order: a resting futures LIMIT order gets a new price and/or quantity in place.</summary>
public sealed partial class ExchangeEngine
{
    public OrderSnapshot AmendFuturesOrder(string symbol, long? orderId, string? origClientOrderId, OrderSide side, decimal quantity, decimal price)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, symbol);
            var order = Find(book, orderId, origClientOrderId, openOnly: true) ?? throw Errors.OrderDoesNotExist();
            if (order.Type != OrderType.Limit)
            {
                throw Errors.InvalidOrderType();
            }

            if (order.Side != side)
            {
                throw Errors.InvalidParameter("Side of a modified order cannot change.");
            }

            CheckFuturesQty(book.Rules, quantity);
            CheckFuturesPrice(book.Rules, price);
            if (quantity == order.OrigQty && price == order.Price)
            {
                throw new ExchangeErrorException(-5027, "No need to modify the order.");
            }

            if (order.TimeInForce == TimeInForce.Gtx && WouldTake(book, side, price))
            {
                throw Errors.PostOnlyRejected();
            }

            if (quantity <= order.ExecutedQty)
            {
                // Binance cancels an order amended down to what it has already filled.
                EndFuturesOrder(book, order, OrderStatus.Canceled, 0);
                return order.Snapshot();
            }

            if (!order.ReduceOnly && quantity > order.OrigQty)
            {
                CheckMargin(book, side, quantity - order.OrigQty, price);
            }

            order.Price = price;
            order.OrigQty = quantity;
            order.UpdateTime = NowMs;
            Raise(new OrderUpdated(order.Snapshot(), ExecutionType.Amendment, null, "NONE", "0", NowMs));
            if (WouldTake(book, side, price))
            {
                foreach (var (fillPrice, qty) in Walk(book, side, MatchableQty(book, ReducibleQty(book, order)), null, price))
                {
                    ApplyFuturesFill(book, order, fillPrice, qty, isMaker: false);
                }
            }

            return order.Snapshot();
        }
    }
}
