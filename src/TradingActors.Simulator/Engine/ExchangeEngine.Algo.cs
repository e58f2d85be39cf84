namespace TradingActors.Simulator.Engine;

/// <summary>Futures conditional orders (the Algo Order API): triggers on mark or contract price, trailing stops.</summary>
public sealed partial class ExchangeEngine
{
    public AlgoOrderSnapshot PlaceAlgoOrder(AlgoOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, request.Symbol);
            var type = request.Type;
            if (type is not (OrderType.Stop or OrderType.StopMarket or OrderType.TakeProfit or OrderType.TakeProfitMarket or OrderType.TrailingStopMarket))
            {
                throw Errors.InvalidOrderType();
            }

            CheckPositionSide(request.PositionSide);
            var clientId = CheckFuturesClientId(request.ClientAlgoId, id => book.Algos.Any(a => a.State.IsOpen && a.State.ClientAlgoId == id));
            if (request.ClosePosition)
            {
                if (type is not (OrderType.StopMarket or OrderType.TakeProfitMarket))
                {
                    throw Errors.InvalidParameter("closePosition is only allowed for STOP_MARKET and TAKE_PROFIT_MARKET.");
                }

                if (request.Quantity is not null)
                {
                    throw Errors.ClosePositionWithQuantity();
                }

                if (request.ReduceOnly)
                {
                    throw Errors.ClosePositionWithReduceOnly();
                }
            }
            else
            {
                CheckFuturesQty(book.Rules, request.Quantity ?? throw Errors.Mandatory("quantity"));
            }

            var isLimit = type is OrderType.Stop or OrderType.TakeProfit;
            Require(isLimit, request.Price is not null, "price");
            if (isLimit)
            {
                CheckFuturesPrice(book.Rules, request.Price!.Value);
            }

            var reference = request.WorkingType == WorkingType.MarkPrice ? book.Mark : book.Last;
            decimal trigger = 0;
            decimal callback = 0;
            if (type == OrderType.TrailingStopMarket)
            {
                callback = request.CallbackRate ?? throw Errors.Mandatory("callbackRate");
                if (callback < 0.1m || callback > 10m)
                {
                    throw new ExchangeErrorException(-2007, "Invalid callBackRate, must be in [0.1, 10].");
                }

                if (request.ActivatePrice is { } activate)
                {
                    CheckFuturesPrice(book.Rules, activate);

                    // Binance: a SELL trailing stop's activation price must be above the price, a BUY's below it.
                    if (request.Side == OrderSide.Sell ? activate <= reference : activate >= reference)
                    {
                        throw Errors.WouldImmediatelyTrigger();
                    }
                }
            }
            else
            {
                trigger = request.TriggerPrice ?? throw Errors.Mandatory("triggerPrice");
                CheckFuturesPrice(book.Rules, trigger);
                if (AlgoTriggered(type, request.Side, trigger, reference))
                {
                    throw Errors.WouldImmediatelyTrigger();
                }
            }

            var qty = request.Quantity ?? 0;
            if (!request.ReduceOnly && !request.ClosePosition && qty * (trigger > 0 ? trigger : reference) < book.Rules.MinNotional)
            {
                throw Errors.MinNotional(book.Rules.MinNotional);
            }

            var algo = new AlgoOrder
            {
                State = new AlgoOrderSnapshot
                {
                    Symbol = request.Symbol,
                    AlgoId = _nextAlgoId++,
                    ClientAlgoId = clientId,
                    Side = request.Side,
                    OrderType = type,
                    TimeInForce = request.TimeInForce ?? TimeInForce.Gtc,
                    Quantity = qty,
                    TriggerPrice = trigger,
                    Price = request.Price ?? 0,
                    WorkingType = request.WorkingType,
                    ClosePosition = request.ClosePosition,
                    ReduceOnly = request.ReduceOnly,
                    PriceProtect = request.PriceProtect,
                    ActivatePrice = request.ActivatePrice ?? 0,
                    CallbackRate = callback,
                    Status = AlgoStatus.New,
                    CreateTime = NowMs,
                    UpdateTime = NowMs,
                },
            };
            book.Algos.Add(algo);
            if (book.Algos.Count > MaxHistory + (MaxHistory / 10))
            {
                var finished = book.Algos.Where(a => !a.State.IsOpen).Take(book.Algos.Count - MaxHistory).ToHashSet();
                book.Algos.RemoveAll(finished.Contains);
            }

            Raise(new AlgoOrderUpdated(algo.State, NowMs));
            if (type == OrderType.TrailingStopMarket)
            {
                UpdateTrailing(algo, reference);
            }

            return algo.State;
        }
    }

    public AlgoOrderSnapshot CancelAlgoOrder(long? algoId, string? clientAlgoId)
    {
        lock (_gate)
        {
            var algo = FindAlgo(algoId, clientAlgoId);
            if (algo is null || !algo.State.IsOpen)
            {
                throw Errors.UnknownOrderOnCancel();
            }

            SetAlgo(algo, algo.State with { Status = AlgoStatus.Canceled });
            return algo.State;
        }
    }

    public IReadOnlyList<AlgoOrderSnapshot> CancelAllAlgoOrders(string symbol)
    {
        lock (_gate)
        {
            var open = BookOf(MarketKind.Futures, symbol).Algos.Where(a => a.State.IsOpen).ToList();
            foreach (var algo in open)
            {
                SetAlgo(algo, algo.State with { Status = AlgoStatus.Canceled });
            }

            return open.Select(a => a.State).ToList();
        }
    }

    public AlgoOrderSnapshot QueryAlgoOrder(long? algoId, string? clientAlgoId)
    {
        lock (_gate)
        {
            return (FindAlgo(algoId, clientAlgoId) ?? throw Errors.OrderDoesNotExist()).State;
        }
    }

    public IReadOnlyList<AlgoOrderSnapshot> AlgoOrders(string? symbol, bool openOnly)
    {
        lock (_gate)
        {
            var books = symbol is null ? _futures.Values.ToList() : [BookOf(MarketKind.Futures, symbol)];
            return books.SelectMany(b => b.Algos).Where(a => !openOnly || a.State.IsOpen).Select(a => a.State).OrderBy(a => a.AlgoId).ToList();
        }
    }

    private AlgoOrder? FindAlgo(long? algoId, string? clientAlgoId)
    {
        var algos = _futures.Values.SelectMany(b => b.Algos);
        return algoId is { } id
            ? algos.FirstOrDefault(a => a.State.AlgoId == id)
            : clientAlgoId is null ? null : algos.Where(a => a.State.ClientAlgoId == clientAlgoId).OrderByDescending(a => a.State.IsOpen).ThenByDescending(a => a.State.AlgoId).FirstOrDefault();
    }

    private void SetAlgo(AlgoOrder algo, AlgoOrderSnapshot state)
    {
        algo.State = state with { UpdateTime = NowMs };
        Raise(new AlgoOrderUpdated(algo.State, NowMs));
    }

    /// <summary>STOP types buy when the price rises to the trigger and sell when it falls to it; TAKE_PROFIT the other way.</summary>
    internal static bool AlgoTriggered(OrderType type, OrderSide side, decimal trigger, decimal price) =>
        type is OrderType.Stop or OrderType.StopMarket
            ? (side == OrderSide.Buy ? price >= trigger : price <= trigger)
            : (side == OrderSide.Buy ? price <= trigger : price >= trigger);

    /// <summary>Tracks the best price since activation; returns true when the price has retraced by the callback rate.</summary>
    private static bool UpdateTrailing(AlgoOrder algo, decimal price)
    {
        var state = algo.State;
        if (!algo.Activated)
        {
            var activate = state.ActivatePrice;
            if (activate != 0 && (state.Side == OrderSide.Sell ? price < activate : price > activate))
            {
                return false;
            }

            algo.Activated = true;
            algo.Extreme = price;
        }

        algo.Extreme = state.Side == OrderSide.Sell ? Math.Max(algo.Extreme, price) : Math.Min(algo.Extreme, price);
        var rate = state.CallbackRate / 100m;
        return state.Side == OrderSide.Sell ? price <= algo.Extreme * (1 - rate) : price >= algo.Extreme * (1 + rate);
    }

    private void CheckAlgoTriggers(Book book)
    {
        foreach (var algo in book.Algos.Where(a => a.State.Status == AlgoStatus.New).ToList())
        {
            var state = algo.State;
            var reference = state.WorkingType == WorkingType.MarkPrice ? book.Mark : book.Last;
            var fire = state.OrderType == OrderType.TrailingStopMarket
                ? UpdateTrailing(algo, reference)
                : AlgoTriggered(state.OrderType, state.Side, state.TriggerPrice, reference);
            if (fire)
            {
                FireAlgo(book, algo);
            }
        }
    }

    private void FireAlgo(Book book, AlgoOrder algo)
    {
        var state = algo.State;
        var reduce = state.ReduceOnly || state.ClosePosition;
        var qty = state.ClosePosition ? Math.Abs(book.Position.Amount) : state.Quantity;
        if (reduce && (!Reduces(book.Position, state.Side) || qty == 0))
        {
            // Nothing to reduce any more: the conditional order can never do anything useful.
            SetAlgo(algo, state with { Status = AlgoStatus.Expired, TriggerTime = NowMs });
            return;
        }

        SetAlgo(algo, state with { Status = AlgoStatus.Triggering, TriggerTime = NowMs });
        var isLimit = state.OrderType is OrderType.Stop or OrderType.TakeProfit;
        var order = NewFuturesOrder(
            book,
            state.ClientAlgoId,
            state.Side,
            isLimit ? OrderType.Limit : OrderType.Market,
            state.OrderType,
            state.TimeInForce,
            isLimit ? state.Price : 0,
            state.TriggerPrice,
            qty,
            reduce,
            state.ClosePosition,
            state.WorkingType);
        _algoByOrderId[order.OrderId] = algo;
        SetAlgo(algo, algo.State with { Status = AlgoStatus.Triggered, ActualOrderId = order.OrderId });
        MatchFuturesOnArrival(book, order, []);
    }

    private void OnFuturesOrderDone(Order order)
    {
        if (!_algoByOrderId.Remove(order.OrderId, out var algo))
        {
            return;
        }

        SetAlgo(algo, algo.State with
        {
            Status = AlgoStatus.Finished,
            ActualPrice = order.ExecutedQty == 0 ? 0 : order.CumQuote / order.ExecutedQty,
            ActualQty = order.ExecutedQty,
        });
    }
}
