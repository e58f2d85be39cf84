namespace TradingActors.Simulator.Engine;

/// <summary>Spot OCO order lists: two legs sharing one balance lock; either leg's fill or trigger expires the other.</summary>
public sealed partial class ExchangeEngine
{
    public OrderListSnapshot PlaceSpotOco(SpotOcoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var book = BookOf(MarketKind.Spot, request.Symbol);
            if (_ocoDisabled.Contains(request.Symbol))
            {
                throw Errors.NewOrderRejected("OCO orders are not supported for this symbol");
            }

            if (request.Above.Type is not (OrderType.StopLoss or OrderType.StopLossLimit or OrderType.LimitMaker or OrderType.TakeProfit or OrderType.TakeProfitLimit)
                || request.Below.Type is not (OrderType.StopLoss or OrderType.StopLossLimit or OrderType.LimitMaker or OrderType.TakeProfit or OrderType.TakeProfitLimit))
            {
                throw new ExchangeErrorException(-1158, "Order type not supported in OCO.");
            }

            if (!IsStop(request.Above.Type) && !IsStop(request.Below.Type))
            {
                throw new ExchangeErrorException(-1168, "At least one OCO order must be contingent.");
            }

            var aboveLevel = Level(request.Above);
            var belowLevel = Level(request.Below);
            if (aboveLevel <= book.Last || belowLevel >= book.Last
                || (IsStop(request.Above.Type) && TriggerCrossed(request.Above.Type, request.Side, aboveLevel, book.Last))
                || (IsStop(request.Below.Type) && TriggerCrossed(request.Below.Type, request.Side, belowLevel, book.Last)))
            {
                throw Errors.NewOrderRejected("The relationship of the prices for the orders is not correct.");
            }

            var listClientId = request.ListClientOrderId ?? NewClientId("simlist");
            if (!SpotClientId().IsMatch(listClientId))
            {
                throw Errors.IllegalCharacters("listClientOrderId", "^[a-zA-Z0-9-_]{1,36}$");
            }

            var legs = new List<(OcoLeg Leg, string ClientId, decimal Price, decimal Stop, TimeInForce Tif)>();
            foreach (var leg in new[] { request.Above, request.Below })
            {
                var legRequest = new SpotOrderRequest(request.Symbol, request.Side, leg.Type)
                {
                    Quantity = request.Quantity,
                    Price = leg.Price,
                    StopPrice = leg.StopPrice,
                    TimeInForce = leg.TimeInForce,
                    NewClientOrderId = leg.ClientOrderId,
                };
                var clientId = CheckSpotClientId(book, leg.ClientOrderId);
                var (_, price, stop, tif) = ValidateSpot(book, legRequest);
                legs.Add((leg, clientId, price, stop, tif));
            }

            if (legs[0].ClientId == legs[1].ClientId)
            {
                throw Errors.NewOrderRejected("Duplicate order sent.");
            }

            var lockAmount = request.Side == OrderSide.Sell ? request.Quantity : request.Quantity * Math.Max(aboveLevel, belowLevel);
            var lockAsset = request.Side == OrderSide.Buy ? book.Rules.QuoteAsset : book.Rules.BaseAsset;
            if (Free(lockAsset) < lockAmount)
            {
                throw Errors.NewOrderRejected("Account has insufficient balance for requested action.");
            }

            var list = new OrderList { OrderListId = _nextListId++, ListClientOrderId = listClientId, Symbol = request.Symbol, TransactionTime = NowMs };
            _lists[list.OrderListId] = list;
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (leg, clientId, price, stop, tif) in legs)
            {
                var order = new Order
                {
                    Market = MarketKind.Spot,
                    Symbol = request.Symbol,
                    OrderId = NextOrderId(),
                    ClientOrderId = clientId,
                    Side = request.Side,
                    Type = leg.Type,
                    OrigType = leg.Type,
                    TimeInForce = tif,
                    Price = price,
                    StopPrice = stop,
                    OrigQty = request.Quantity,
                    Status = OrderStatus.New,
                    Time = NowMs,
                    UpdateTime = NowMs,
                    WorkingTime = NowMs,
                    IsWorking = !IsStop(leg.Type),
                    List = list,
                };
                list.Legs.Add(order);
                Register(book, order);
            }

            Lock(list.Legs[0], lockAsset, lockAmount, changed);
            foreach (var order in list.Legs)
            {
                Raise(new OrderUpdated(order.Snapshot(), ExecutionType.New, null, "NONE", string.Empty, NowMs));
            }

            var snapshot = list.Snapshot("EXEC_STARTED");
            Raise(new OrderListUpdated(snapshot, NowMs));
            FinishSpot(changed);
            return snapshot;
        }
    }

    public OrderListSnapshot CancelOrderList(string symbol, long? orderListId, string? listClientOrderId)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Spot, symbol);
            var list = FindList(symbol, orderListId, listClientOrderId);
            if (list is null || list.ListOrderStatus != "EXECUTING")
            {
                throw new ExchangeErrorException(-2011, "Unknown order list sent.");
            }

            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var leg in list.Legs.Where(l => l.IsOpen))
            {
                EndSpotOrder(book, leg, OrderStatus.Canceled, changed, string.Empty);
            }

            list.ListOrderStatus = "ALL_DONE";
            list.TransactionTime = NowMs;
            var snapshot = list.Snapshot("ALL_DONE");
            Raise(new OrderListUpdated(snapshot, NowMs));
            FinishSpot(changed);
            return snapshot;
        }
    }

    public OrderListSnapshot QueryOrderList(long? orderListId, string? listClientOrderId)
    {
        lock (_gate)
        {
            var list = FindList(null, orderListId, listClientOrderId) ?? throw new ExchangeErrorException(-2013, "Order list does not exist.");
            return list.Snapshot(list.ListOrderStatus == "EXECUTING" ? "EXEC_STARTED" : "ALL_DONE");
        }
    }

    public IReadOnlyList<OrderListSnapshot> OrderLists(bool openOnly)
    {
        lock (_gate)
        {
            return _lists.Values
                .Where(l => !openOnly || l.ListOrderStatus == "EXECUTING")
                .Select(l => l.Snapshot(l.ListOrderStatus == "EXECUTING" ? "EXEC_STARTED" : "ALL_DONE"))
                .ToList();
        }
    }

    private OrderList? FindList(string? symbol, long? orderListId, string? listClientOrderId)
    {
        var list = orderListId is { } id
            ? _lists.GetValueOrDefault(id)
            : _lists.Values.LastOrDefault(l => l.ListClientOrderId == listClientOrderId);
        return list is not null && (symbol is null || list.Symbol == symbol) ? list : null;
    }

    private static decimal Level(OcoLeg leg) =>
        (IsStop(leg.Type) ? leg.StopPrice : leg.Price) ?? throw Errors.Mandatory(IsStop(leg.Type) ? "stopPrice" : "price");

    /// <summary>The active leg takes over the list's balance lock before its sibling is expired and releases it.</summary>
    private static void TakeListLock(Order order)
    {
        if (order.List is not { ListOrderStatus: "EXECUTING" } list)
        {
            return;
        }

        foreach (var sibling in list.Legs.Where(l => !ReferenceEquals(l, order)))
        {
            order.Locked += sibling.Locked;
            sibling.Locked = 0;
        }
    }

    private void OnListLegActivity(Book book, Order order, HashSet<string> changed)
    {
        if (order.List is not { ListOrderStatus: "EXECUTING" } list)
        {
            return;
        }

        foreach (var sibling in list.Legs.Where(l => !ReferenceEquals(l, order) && l.IsOpen))
        {
            EndSpotOrder(book, sibling, OrderStatus.Expired, changed, "OCO_TRIGGER");
        }

        list.ListOrderStatus = "ALL_DONE";
        list.TransactionTime = NowMs;
        Raise(new OrderListUpdated(list.Snapshot("ALL_DONE"), NowMs));
    }
}
