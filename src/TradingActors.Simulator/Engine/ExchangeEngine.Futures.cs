namespace TradingActors.Simulator.Engine;

/// <summary>USD-M futures: one-way isolated positions, leverage, margin checks, reduce-only, fills and PnL.</summary>
public sealed partial class ExchangeEngine
{
    private readonly Dictionary<long, AlgoOrder> _algoByOrderId = [];

    public OrderResult PlaceFuturesOrder(FuturesOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, request.Symbol);
            if (request.Type is OrderType.Stop or OrderType.StopMarket or OrderType.TakeProfit or OrderType.TakeProfitMarket or OrderType.TrailingStopMarket)
            {
                throw Errors.AlgoTypeRequired();
            }

            if (request.Type is not (OrderType.Limit or OrderType.Market))
            {
                throw Errors.InvalidOrderType();
            }

            CheckPositionSide(request.PositionSide);
            var clientId = CheckFuturesClientId(request.NewClientOrderId, book.OpenByClientId.ContainsKey);
            var isLimit = request.Type == OrderType.Limit;
            Require(isLimit, request.Price is not null, "price");
            if (isLimit && request.TimeInForce is null)
            {
                throw Errors.Mandatory("timeInForce");
            }

            var qty = request.Quantity ?? throw Errors.Mandatory("quantity");
            CheckFuturesQty(book.Rules, qty);
            var price = request.Price ?? 0;
            var tif = request.TimeInForce ?? TimeInForce.Gtc;
            if (isLimit)
            {
                CheckFuturesPrice(book.Rules, price);
                var band = _options.PercentPriceBand;
                if (request.Side == OrderSide.Buy && price > book.Mark * (1 + band))
                {
                    throw Errors.FuturesPriceTooHigh(RoundToTick(book.Mark * (1 + band), book.Rules.TickSize));
                }

                if (request.Side == OrderSide.Sell && price < book.Mark * (1 - band))
                {
                    throw Errors.FuturesPriceTooLow(RoundToTick(book.Mark * (1 - band), book.Rules.TickSize));
                }
            }

            var position = book.Position;
            if (request.ReduceOnly && !Reduces(position, request.Side))
            {
                throw Errors.ReduceOnlyRejected();
            }

            var notionalPrice = isLimit ? price : book.Mark;
            if (!request.ReduceOnly && qty * notionalPrice < book.Rules.MinNotional)
            {
                throw Errors.MinNotional(book.Rules.MinNotional);
            }

            if (isLimit && tif == TimeInForce.Gtx && WouldTake(book, request.Side, price))
            {
                throw Errors.PostOnlyRejected();
            }

            if (isLimit && tif == TimeInForce.Fok && Walk(book, request.Side, qty, null, price).Sum(f => f.Qty) < qty)
            {
                throw Errors.FokRejected();
            }

            if (!request.ReduceOnly)
            {
                var estimate = isLimit ? price : EstimatePrice(book, request.Side, qty);
                CheckMargin(book, request.Side, qty, estimate);
            }

            var order = NewFuturesOrder(book, clientId, request.Side, request.Type, request.Type, tif, price, 0, qty, request.ReduceOnly, false, WorkingType.ContractPrice);
            var fills = new List<TradeSnapshot>();
            MatchFuturesOnArrival(book, order, fills);
            return new OrderResult(order.Snapshot(), fills);
        }
    }

    public OrderSnapshot CancelFuturesOrder(string symbol, long? orderId, string? origClientOrderId)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, symbol);
            var order = Find(book, orderId, origClientOrderId, openOnly: true) ?? throw Errors.UnknownOrderOnCancel();
            EndFuturesOrder(book, order, OrderStatus.Canceled, 0);
            return order.Snapshot();
        }
    }

    public IReadOnlyList<OrderSnapshot> CancelAllFuturesOrders(string symbol)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, symbol);
            var open = book.Open.ToList();
            foreach (var order in open)
            {
                EndFuturesOrder(book, order, OrderStatus.Canceled, 0);
            }

            return open.Select(o => o.Snapshot()).ToList();
        }
    }

    public (int Leverage, decimal MaxNotionalValue) SetLeverage(string symbol, int leverage)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, symbol);
            if (leverage < 1 || leverage > _options.MaxLeverage)
            {
                throw Errors.InvalidLeverage();
            }

            var position = book.Position;
            if (Math.Abs(position.Amount) * book.Mark > MaxNotional(leverage))
            {
                throw Errors.MaxPositionExceeded();
            }

            if (position.Amount != 0 && leverage < LeverageOf(position))
            {
                var needed = Math.Abs(position.Amount) * position.EntryPrice / leverage;
                if (needed - position.IsolatedMargin > Account().AvailableBalance)
                {
                    throw Errors.MarginInsufficient();
                }
            }

            position.Leverage = leverage;
            position.UpdateTime = NowMs;
            RecordFuturesHistory();
            Raise(new LeverageChanged(symbol, leverage, NowMs));
            return (leverage, MaxNotional(leverage));
        }
    }

    public void SetMarginType(string symbol, MarginType marginType)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Futures, symbol);
            if (book.Position.MarginType == marginType)
            {
                throw Errors.NoNeedToChangeMarginType();
            }

            if (book.Open.Count > 0)
            {
                throw Errors.MarginTypeOpenOrders();
            }

            if (book.Position.Amount != 0)
            {
                throw Errors.MarginTypePosition();
            }

            book.Position.MarginType = marginType;
            RecordFuturesHistory();
        }
    }

    /// <summary>The futures account now, or as it stood at <paramref name="asOfMs"/> (position-lag fault), valued at the current mark.</summary>
    public FuturesAccountSnapshot FuturesAccount(long? asOfMs = null)
    {
        lock (_gate)
        {
            if (asOfMs is not { } asOf)
            {
                return Account();
            }

            var past = _futuresHistory.LastOrDefault(h => h.Time <= asOf).Account ?? _futuresHistory[0].Account;
            var positions = past.Positions.Select(p => Revalue(p, _futures[p.Symbol].Mark)).ToList();
            return past with { Positions = positions, UnrealizedProfit = positions.Sum(p => p.UnrealizedProfit) };
        }
    }

    public IReadOnlyList<PositionSnapshot> Positions(long? asOfMs = null) => FuturesAccount(asOfMs).Positions;

    private FuturesAccountSnapshot Account()
    {
        var positions = _futures.Values.Select(PositionOf).ToList();
        var openOrderMargin = _futures.Values.Sum(b => b.Open.Where(o => !o.ReduceOnly).Sum(o => o.Remaining * (o.Price > 0 ? o.Price : b.Mark) / LeverageOf(b.Position)));
        return new FuturesAccountSnapshot(
            _wallet,
            positions.Sum(p => p.UnrealizedProfit),
            _futures.Values.Sum(b => b.Position.IsolatedMargin),
            openOrderMargin,
            positions,
            NowMs);
    }

    private PositionSnapshot PositionOf(Book book)
    {
        var p = book.Position;
        var leverage = LeverageOf(p);
        var snapshot = new PositionSnapshot(book.Rules.Symbol, p.Amount, p.EntryPrice, book.Mark, 0, p.RealizedProfit, 0, leverage, p.MarginType, p.IsolatedMargin, 0, MaxNotional(leverage), book.Open.Count > 0 || book.Algos.Any(a => a.State.IsOpen), p.UpdateTime);
        return Revalue(snapshot, book.Mark);
    }

    private PositionSnapshot Revalue(PositionSnapshot p, decimal mark)
    {
        var amount = p.PositionAmt;
        var mmr = _options.MaintenanceMarginRate;
        var liquidation = amount == 0 ? 0
            : amount > 0 ? Math.Max(0, ((p.EntryPrice * amount) - p.IsolatedMargin) / (amount * (1 - mmr)))
            : ((p.EntryPrice * -amount) + p.IsolatedMargin) / (-amount * (1 + mmr));
        return p with
        {
            MarkPrice = mark,
            UnrealizedProfit = (mark - p.EntryPrice) * amount,
            Notional = mark * amount,
            LiquidationPrice = Math.Round(liquidation, 8),
            BreakEvenPrice = BreakEven(p.EntryPrice, amount),
            MaintMargin = LeverageBrackets.MaintenanceMargin(_brackets, Math.Abs(mark * amount)),
        };
    }

    private int LeverageOf(Position position) => position.Leverage == 0 ? _options.DefaultLeverage : position.Leverage;

    private decimal MaxNotional(int leverage) => LeverageBrackets.MaxNotional(_brackets, leverage);

    /// <summary>Entry price moved by the taker fee paid to open and the one still to pay to close.</summary>
    private decimal BreakEven(decimal entry, decimal amount)
    {
        var fee = _options.FuturesTakerFee;
        return amount == 0 ? 0 : Math.Round(amount > 0 ? entry * (1 + fee) / (1 - fee) : entry * (1 - fee) / (1 + fee), 8);
    }

    private static bool Reduces(Position position, OrderSide side) => side == OrderSide.Buy ? position.Amount < 0 : position.Amount > 0;

    private static void CheckPositionSide(string? positionSide)
    {
        if (positionSide is null or "BOTH")
        {
            return;
        }

        throw positionSide is "LONG" or "SHORT"
            ? new ExchangeErrorException(-4061, "Order's position side does not match user's setting.")
            : Errors.IllegalCharacters("positionSide");
    }

    private static string CheckFuturesClientId(string? requested, Func<string, bool> isOpen)
    {
        var clientId = requested ?? NewClientId("sim");
        if (!FuturesClientId().IsMatch(clientId))
        {
            throw Errors.FuturesClientIdInvalid();
        }

        if (isOpen(clientId))
        {
            throw Errors.DuplicateClientOrderId();
        }

        return clientId;
    }

    private static void CheckFuturesQty(SymbolRules rules, decimal qty)
    {
        if (((decimal.GetBits(qty / 1.000000000000000000000000000000000m)[3] >> 16) & 0xFF) > rules.QuantityPrecision)
        {
            throw new ExchangeErrorException(-1111, "Precision is over the maximum defined for this asset.");
        }

        if (qty < rules.MinQty)
        {
            throw Errors.FuturesQtyTooSmall();
        }

        if (qty > rules.MaxQty)
        {
            throw Errors.FuturesQtyTooLarge();
        }

        if ((qty - rules.MinQty) % rules.StepSize != 0)
        {
            throw Errors.FuturesStep();
        }
    }

    private static void CheckFuturesPrice(SymbolRules rules, decimal price)
    {
        // Precision (-1111) is judged against eight decimals; finer tick alignment is the tick-size check (-4014).
        if (((decimal.GetBits(price / 1.000000000000000000000000000000000m)[3] >> 16) & 0xFF) > 8)
        {
            throw new ExchangeErrorException(-1111, "Precision is over the maximum defined for this asset.");
        }

        if (price < rules.MinPrice)
        {
            throw Errors.FuturesPriceTooSmall();
        }

        if (price > rules.MaxPrice)
        {
            throw Errors.FuturesPriceMaxExceeded();
        }

        if ((price - rules.MinPrice) % rules.TickSize != 0)
        {
            throw Errors.FuturesTick();
        }
    }

    private decimal EstimatePrice(Book book, OrderSide side, decimal qty)
    {
        var walk = Walk(book, side, qty, null, null);
        var filled = walk.Sum(f => f.Qty);
        return filled == 0 ? book.Mark : walk.Sum(f => f.Price * f.Qty) / filled;
    }

    /// <summary>Initial margin and taker fee for the part of the order that opens or grows a position.</summary>
    private void CheckMargin(Book book, OrderSide side, decimal qty, decimal price)
    {
        var position = book.Position;
        var opening = Reduces(position, side) ? Math.Max(0, qty - Math.Abs(position.Amount)) : qty;
        if (opening == 0)
        {
            return;
        }


        var required = (opening * price / LeverageOf(position)) + (opening * price * _options.FuturesTakerFee);
        if (required > Account().AvailableBalance)
        {
            throw Errors.MarginInsufficient();
        }

        var after = Reduces(position, side) ? opening : Math.Abs(position.Amount) + qty;
        if (after * price > MaxNotional(LeverageOf(position)))
        {
            throw Errors.MaxPositionExceeded();
        }
    }

    private Order NewFuturesOrder(Book book, string clientId, OrderSide side, OrderType type, OrderType origType, TimeInForce tif, decimal price, decimal stopPrice, decimal qty, bool reduceOnly, bool closePosition, WorkingType workingType)
    {
        var order = new Order
        {
            Market = MarketKind.Futures,
            Symbol = book.Rules.Symbol,
            OrderId = NextOrderId(),
            ClientOrderId = clientId,
            Side = side,
            Type = type,
            OrigType = origType,
            TimeInForce = tif,
            Price = price,
            StopPrice = stopPrice,
            OrigQty = qty,
            ReduceOnly = reduceOnly,
            ClosePosition = closePosition,
            WorkingType = workingType,
            Status = OrderStatus.New,
            Time = NowMs,
            UpdateTime = NowMs,
            WorkingTime = NowMs,
        };
        Register(book, order);
        Raise(new OrderUpdated(order.Snapshot(), ExecutionType.New, null, "NONE", "0", NowMs));
        return order;
    }

    private void MatchFuturesOnArrival(Book book, Order order, List<TradeSnapshot> fills)
    {
        var limit = order.Type == OrderType.Market ? (decimal?)null : order.Price;
        if (limit is null || WouldTake(book, order.Side, limit.Value))
        {
            var wanted = MatchableQty(book, ReducibleQty(book, order));
            foreach (var (price, qty) in Walk(book, order.Side, wanted, null, limit))
            {
                fills.Add(ApplyFuturesFill(book, order, price, qty, isMaker: false));
            }
        }

        if (order.IsOpen && (limit is null || order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok))
        {
            EndFuturesOrder(book, order, OrderStatus.Expired, order.ReduceOnly && ReducibleQty(book, order) == 0 ? 4 : 2);
        }
    }

    /// <summary>A reduce-only order never fills beyond the position it reduces.</summary>
    private static decimal ReducibleQty(Book book, Order order) =>
        !order.ReduceOnly ? order.Remaining : Reduces(book.Position, order.Side) ? Math.Min(order.Remaining, Math.Abs(book.Position.Amount)) : 0;

    private TradeSnapshot ApplyFuturesFill(Book book, Order order, decimal price, decimal qty, bool isMaker)
    {
        var position = book.Position;
        var direction = order.Side == OrderSide.Buy ? 1 : -1;
        var leverage = LeverageOf(position);
        var realized = 0m;
        var remaining = qty;
        if (position.Amount != 0 && Math.Sign(position.Amount) != direction)
        {
            var closing = Math.Min(qty, Math.Abs(position.Amount));
            realized = (price - position.EntryPrice) * closing * Math.Sign(position.Amount);
            position.IsolatedMargin -= position.IsolatedMargin * closing / Math.Abs(position.Amount);
            position.Amount += direction * closing;
            if (position.Amount == 0)
            {
                position.EntryPrice = 0;
                position.IsolatedMargin = 0;
            }

            remaining -= closing;
        }

        if (remaining > 0)
        {
            var newAmount = position.Amount + (direction * remaining);
            position.EntryPrice = ((position.EntryPrice * Math.Abs(position.Amount)) + (price * remaining)) / Math.Abs(newAmount);
            position.Amount = newAmount;
            position.IsolatedMargin += price * remaining / leverage;
        }

        // Binance books PnL and fees to eight decimals; the wallet moves by exactly what the trade reports.
        realized = Math.Round(realized, 8, MidpointRounding.AwayFromZero);
        position.RealizedProfit += realized;
        position.UpdateTime = NowMs;
        var commission = Math.Round(price * qty * (isMaker ? _options.FuturesMakerFee : _options.FuturesTakerFee), 8, MidpointRounding.AwayFromZero);
        _wallet += realized - commission;
        var trade = new TradeSnapshot(MarketKind.Futures, order.Symbol, book.NextTradeId++, order.OrderId, -1, order.Side, price, qty, price * qty, commission, book.Rules.QuoteAsset, realized, isMaker, NowMs);
        if (realized != 0)
        {
            AddIncome(order.Symbol, "REALIZED_PNL", realized, trade.Id);
        }

        AddIncome(order.Symbol, "COMMISSION", -commission, trade.Id);
        book.Trades.Add(trade);
        order.ExecutedQty += qty;
        order.CumQuote += price * qty;
        order.UpdateTime = NowMs;
        order.Status = order.Remaining <= 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (order.Status == OrderStatus.Filled)
        {
            RemoveOpen(book, order);
        }

        Raise(new OrderUpdated(order.Snapshot(), ExecutionType.Trade, trade, "NONE", "0", NowMs));
        Raise(new FuturesAccountChanged("ORDER", _wallet, [PositionOf(book)], NowMs));
        book.Candles.Update(NowMs, price, qty);
        Print(book, trade.Id, price, qty, isMaker == (order.Side == OrderSide.Buy));
        RecordFuturesHistory();
        if (order.Status == OrderStatus.Filled)
        {
            OnFuturesOrderDone(order);
        }

        if (position.Amount == 0)
        {
            // Binance expires reduce-only orders once there is nothing left to reduce.
            foreach (var stale in book.Open.Where(o => o.ReduceOnly && !ReferenceEquals(o, order)).ToList())
            {
                EndFuturesOrder(book, stale, OrderStatus.Expired, 4);
            }
        }

        return trade;
    }

    private void EndFuturesOrder(Book book, Order order, OrderStatus status, int expiryReason)
    {
        order.Status = status;
        order.UpdateTime = NowMs;
        RemoveOpen(book, order);
        Raise(new OrderUpdated(order.Snapshot(), status == OrderStatus.Canceled ? ExecutionType.Canceled : ExecutionType.Expired, null, "NONE", expiryReason.ToString(System.Globalization.CultureInfo.InvariantCulture), NowMs));
        OnFuturesOrderDone(order);
    }

    private void RecordFuturesHistory()
    {
        _futuresHistory.Add((NowMs, Account()));
        TrimHistory(_futuresHistory);
    }

    private void FuturesPriceMoved(Book book)
    {
        foreach (var order in book.Open.ToList())
        {
            if (!order.IsOpen || order.Type != OrderType.Limit || !(order.Side == OrderSide.Buy ? book.Last <= order.Price : book.Last >= order.Price))
            {
                continue;
            }

            var qty = MatchableQty(book, ReducibleQty(book, order));
            if (qty <= 0)
            {
                EndFuturesOrder(book, order, OrderStatus.Expired, 4);
                continue;
            }

            ApplyFuturesFill(book, order, order.Price, qty, isMaker: true);
        }

        CheckAlgoTriggers(book);
    }
}
