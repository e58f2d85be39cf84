namespace TradingActors.Simulator.Engine;

/// <summary>Spot orders: validation, balance locks, matching, stops and fills.</summary>
public sealed partial class ExchangeEngine
{
    private readonly HashSet<string> _ocoDisabled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopsDisabled = new(StringComparer.Ordinal);

    /// <summary>Turns OCO and stop orders on or off for a spot symbol (exchangeInfo reports it too).</summary>
    public void SetSpotFeatures(string symbol, bool? ocoAllowed = null, bool? stopsAllowed = null)
    {
        lock (_gate)
        {
            BookOf(MarketKind.Spot, symbol);
            Toggle(_ocoDisabled, symbol, ocoAllowed);
            Toggle(_stopsDisabled, symbol, stopsAllowed);
        }

        static void Toggle(HashSet<string> disabled, string symbol, bool? allowed)
        {
            if (allowed == true)
            {
                disabled.Remove(symbol);
            }
            else if (allowed == false)
            {
                disabled.Add(symbol);
            }
        }
    }

    public bool OcoAllowed(string symbol)
    {
        lock (_gate)
        {
            return !_ocoDisabled.Contains(symbol);
        }
    }

    public bool StopsAllowed(string symbol)
    {
        lock (_gate)
        {
            return !_stopsDisabled.Contains(symbol);
        }
    }

    public OrderResult PlaceSpotOrder(SpotOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var book = BookOf(MarketKind.Spot, request.Symbol);
            var clientId = CheckSpotClientId(book, request.NewClientOrderId);
            var (qty, price, stop, tif) = ValidateSpot(book, request);
            var order = new Order
            {
                Market = MarketKind.Spot,
                Symbol = request.Symbol,
                OrderId = NextOrderId(),
                ClientOrderId = clientId,
                Side = request.Side,
                Type = request.Type,
                OrigType = request.Type,
                TimeInForce = tif,
                Price = price,
                StopPrice = stop,
                OrigQty = qty,
                OrigQuoteOrderQty = request.QuoteOrderQty ?? 0,
                Status = OrderStatus.New,
                Time = NowMs,
                UpdateTime = NowMs,
                WorkingTime = NowMs,
                IsWorking = !IsStop(request.Type),
            };

            var changed = new HashSet<string>(StringComparer.Ordinal);
            var lockNeeded = SpotLockAmount(book, order, request.QuoteOrderQty);
            var lockAsset = order.Side == OrderSide.Buy ? book.Rules.QuoteAsset : book.Rules.BaseAsset;
            if (Free(lockAsset) < lockNeeded)
            {
                throw Errors.NewOrderRejected("Account has insufficient balance for requested action.");
            }

            if (order.Type == OrderType.Market)
            {
                if (request.QuoteOrderQty is { } quote)
                {
                    // A quote-sized market order learns its quantity from the walk.
                    var walk = Walk(book, order.Side, decimal.MaxValue, quote, null);
                    order.OrigQty = walk.Sum(f => f.Qty);
                    if (order.OrigQty <= 0)
                    {
                        throw Errors.Filter("MARKET_LOT_SIZE");
                    }
                }
            }
            else if (IsRestingType(order.Type) || IsStop(order.Type))
            {
                Lock(order, lockAsset, lockNeeded, changed);
            }

            Register(book, order);
            Raise(new OrderUpdated(order.Snapshot(), ExecutionType.New, null, "NONE", string.Empty, NowMs));
            var fills = new List<TradeSnapshot>();
            if (order.IsWorking)
            {
                MatchSpotOnArrival(book, order, fills, changed);
            }

            FinishSpot(changed);
            return new OrderResult(order.Snapshot(), fills);
        }
    }

    public OrderSnapshot CancelSpotOrder(string symbol, long? orderId, string? origClientOrderId)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Spot, symbol);
            var order = Find(book, orderId, origClientOrderId, openOnly: true) ?? throw Errors.UnknownOrderOnCancel();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            if (order.List is { } list)
            {
                foreach (var leg in list.Legs.Where(l => l.IsOpen))
                {
                    EndSpotOrder(book, leg, OrderStatus.Canceled, changed, string.Empty);
                }

                list.ListOrderStatus = "ALL_DONE";
                list.TransactionTime = NowMs;
                Raise(new OrderListUpdated(list.Snapshot("ALL_DONE"), NowMs));
            }
            else
            {
                EndSpotOrder(book, order, OrderStatus.Canceled, changed, string.Empty);
            }

            FinishSpot(changed);
            return order.Snapshot();
        }
    }

    public IReadOnlyList<OrderSnapshot> CancelAllSpotOrders(string symbol)
    {
        lock (_gate)
        {
            var book = BookOf(MarketKind.Spot, symbol);
            var open = book.Open.ToList();
            if (open.Count == 0)
            {
                throw Errors.UnknownOrderOnCancel();
            }

            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var order in open.Where(o => o.IsOpen))
            {
                EndSpotOrder(book, order, OrderStatus.Canceled, changed, string.Empty);
            }

            foreach (var list in open.Select(o => o.List).OfType<OrderList>().Distinct())
            {
                list.ListOrderStatus = "ALL_DONE";
                list.TransactionTime = NowMs;
                Raise(new OrderListUpdated(list.Snapshot("ALL_DONE"), NowMs));
            }

            FinishSpot(changed);
            return open.Select(o => o.Snapshot()).ToList();
        }
    }

    public OrderSnapshot QueryOrder(MarketKind market, string symbol, long? orderId, string? origClientOrderId)
    {
        lock (_gate)
        {
            var book = BookOf(market, symbol);
            return (Find(book, orderId, origClientOrderId, openOnly: false) ?? throw Errors.OrderDoesNotExist()).Snapshot();
        }
    }

    public IReadOnlyList<OrderSnapshot> OpenOrders(MarketKind market, string? symbol)
    {
        lock (_gate)
        {
            var books = symbol is null ? (market == MarketKind.Spot ? _spot : _futures).Values.ToList() : [BookOf(market, symbol)];
            return books.SelectMany(b => b.Open).OrderBy(o => o.OrderId).Select(o => o.Snapshot()).ToList();
        }
    }

    public IReadOnlyList<OrderSnapshot> AllOrders(MarketKind market, string symbol, int limit = 500) => AllOrders(market, symbol, HistoryQuery.Latest(limit));

    /// <summary>Orders by <see cref="HistoryQuery.FromId"/> (Binance's <c>orderId</c>: from that id on) and time window.</summary>
    public IReadOnlyList<OrderSnapshot> AllOrders(MarketKind market, string symbol, HistoryQuery query)
    {
        lock (_gate)
        {
            return query.Page(BookOf(market, symbol).All, o => o.OrderId, o => o.Time).Select(o => o.Snapshot()).ToList();
        }
    }

    public IReadOnlyList<TradeSnapshot> Trades(MarketKind market, string symbol, int limit = 500) => Trades(market, symbol, HistoryQuery.Latest(limit));

    public IReadOnlyList<TradeSnapshot> Trades(MarketKind market, string symbol, HistoryQuery query)
    {
        lock (_gate)
        {
            return query.Page(BookOf(market, symbol).Trades, t => t.Id, t => t.Time, t => t.OrderId);
        }
    }

    /// <summary>The public tape: every print on the symbol, ours and the price path's.</summary>
    public IReadOnlyList<PublicTrade> PublicTrades(MarketKind market, string symbol, HistoryQuery query)
    {
        lock (_gate)
        {
            return query.Page(BookOf(market, symbol).Tape, t => t.Id, t => t.Time);
        }
    }

    private void Print(Book book, long tradeId, decimal price, decimal qty, bool buyerIsMaker)
    {
        book.Tape.Add(new PublicTrade(tradeId, price, qty, buyerIsMaker, NowMs));
        if (book.Tape.Count > MaxHistory + (MaxHistory / 10))
        {
            book.Tape.RemoveRange(0, book.Tape.Count - MaxHistory);
        }

        Raise(new MarketTraded(book.Rules.Market, book.Rules.Symbol, tradeId, price, qty, buyerIsMaker, NowMs));
    }

    /// <summary>Every spot balance, or, with <paramref name="asOfMs"/>, the balances as they stood then (position-lag fault).</summary>
    public IReadOnlyList<BalanceSnapshot> SpotBalances(long? asOfMs = null)
    {
        lock (_gate)
        {
            if (asOfMs is { } asOf)
            {
                var past = _spotHistory.LastOrDefault(h => h.Time <= asOf);
                return past.Balances ?? _spotHistory[0].Balances;
            }

            return CurrentBalances();
        }
    }

    private List<BalanceSnapshot> CurrentBalances() =>
        _balances.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new BalanceSnapshot(b.Key, b.Value.Free, b.Value.Locked)).ToList();

    private string CheckSpotClientId(Book book, string? requested)
    {
        var clientId = requested ?? NewClientId("sim");
        if (!SpotClientId().IsMatch(clientId))
        {
            throw Errors.IllegalCharacters("newClientOrderId", "^[a-zA-Z0-9-_]{1,36}$");
        }

        if (book.OpenByClientId.ContainsKey(clientId))
        {
            throw Errors.NewOrderRejected("Duplicate order sent.");
        }

        return clientId;
    }

    private (decimal Qty, decimal Price, decimal Stop, TimeInForce Tif) ValidateSpot(Book book, SpotOrderRequest r)
    {
        var type = r.Type;
        if (type is OrderType.Stop or OrderType.StopMarket or OrderType.TakeProfitMarket or OrderType.TrailingStopMarket)
        {
            throw Errors.InvalidOrderType();
        }

        var needsPrice = type is OrderType.Limit or OrderType.LimitMaker or OrderType.StopLossLimit or OrderType.TakeProfitLimit;
        var needsStop = IsStop(type);
        var needsTif = type is OrderType.Limit or OrderType.StopLossLimit or OrderType.TakeProfitLimit;
        Require(needsTif, r.TimeInForce is not null, "timeInForce");
        Require(needsPrice, r.Price is not null, "price");
        Require(needsStop, r.StopPrice is not null, "stopPrice");
        if (r.TimeInForce is TimeInForce.Gtx or TimeInForce.Gtd)
        {
            throw Errors.InvalidTimeInForce();
        }

        if (type == OrderType.Market)
        {
            if (r.Quantity is null && r.QuoteOrderQty is null)
            {
                throw Errors.Mandatory("quantity");
            }

            if (r.Quantity is not null && r.QuoteOrderQty is not null)
            {
                throw Errors.NotRequired("quoteOrderQty");
            }
        }
        else
        {
            Require(true, r.Quantity is not null, "quantity");
            if (r.QuoteOrderQty is not null)
            {
                throw Errors.NotRequired("quoteOrderQty");
            }
        }

        if (needsStop && _stopsDisabled.Contains(book.Rules.Symbol))
        {
            throw Errors.NewOrderRejected(type is OrderType.TakeProfit or OrderType.TakeProfitLimit
                ? "Take profit orders are not supported for this symbol."
                : "Stop loss orders are not supported for this symbol.");
        }

        var rules = book.Rules;
        var price = r.Price ?? 0;
        var stop = r.StopPrice ?? 0;
        CheckSpotPrice(rules, r.Price);
        CheckSpotPrice(rules, r.StopPrice);
        var qty = r.Quantity ?? 0;
        if (r.Quantity is not null)
        {
            CheckDecimals("quantity", qty);
            if (qty < rules.MinQty || qty > rules.MaxQty || qty % rules.StepSize != 0)
            {
                throw Errors.Filter(type == OrderType.Market ? "MARKET_LOT_SIZE" : "LOT_SIZE");
            }
        }

        if (r.QuoteOrderQty is { } quote && quote <= 0)
        {
            throw Errors.IllegalCharacters("quoteOrderQty");
        }

        var notionalPrice = needsPrice ? price : needsStop ? stop : book.Last;
        var notional = r.QuoteOrderQty ?? (qty * notionalPrice);
        if (notional < rules.MinNotional)
        {
            throw Errors.Filter("NOTIONAL");
        }

        if (needsStop && TriggerCrossed(type, r.Side, stop, book.Last))
        {
            throw Errors.NewOrderRejected("Order would trigger immediately.");
        }

        if (type == OrderType.LimitMaker && WouldTake(book, r.Side, price))
        {
            throw Errors.NewOrderRejected("Order would immediately match and take.");
        }

        return (qty, price, stop, r.TimeInForce ?? TimeInForce.Gtc);
    }

    private static void Require(bool needed, bool present, string parameter)
    {
        if (needed && !present)
        {
            throw Errors.Mandatory(parameter);
        }

        if (!needed && present)
        {
            throw Errors.NotRequired(parameter);
        }
    }

    private static void CheckSpotPrice(SymbolRules rules, decimal? value)
    {
        if (value is not { } price)
        {
            return;
        }

        CheckDecimals("price", price);
        if (price <= 0 || price < rules.MinPrice || price > rules.MaxPrice || price % rules.TickSize != 0)
        {
            throw Errors.Filter("PRICE_FILTER");
        }
    }

    private static void CheckDecimals(string parameter, decimal value)
    {
        if (((decimal.GetBits(value / 1.000000000000000000000000000000000m)[3] >> 16) & 0xFF) > 8)
        {
            throw Errors.TooManyDecimals(parameter);
        }
    }

    internal static bool IsStop(OrderType type) => type is OrderType.StopLoss or OrderType.StopLossLimit or OrderType.TakeProfit or OrderType.TakeProfitLimit;

    private static bool IsRestingType(OrderType type) => type is OrderType.Limit or OrderType.LimitMaker;

    /// <summary>Spot stop semantics: a stop-loss buys above and sells below the market; a take-profit the other way round.</summary>
    internal static bool TriggerCrossed(OrderType type, OrderSide side, decimal stop, decimal last) =>
        type is OrderType.StopLoss or OrderType.StopLossLimit
            ? (side == OrderSide.Buy ? last >= stop : last <= stop)
            : (side == OrderSide.Buy ? last <= stop : last >= stop);

    private decimal SpotLockAmount(Book book, Order order, decimal? quoteOrderQty)
    {
        if (order.Type == OrderType.Market)
        {
            if (quoteOrderQty is { } quote)
            {
                return order.Side == OrderSide.Buy ? quote : Walk(book, OrderSide.Sell, decimal.MaxValue, quote, null).Sum(f => f.Qty);
            }

            return order.Side == OrderSide.Buy ? Walk(book, OrderSide.Buy, order.OrigQty, null, null).Sum(f => f.Price * f.Qty) : order.OrigQty;
        }

        var lockPrice = order.Price > 0 ? order.Price : order.StopPrice;
        return order.Side == OrderSide.Buy ? order.OrigQty * lockPrice : order.OrigQty;
    }

    private decimal Free(string asset) => _balances.TryGetValue(asset, out var b) ? b.Free : 0;

    private void Adjust(string asset, decimal free, decimal locked, HashSet<string> changed)
    {
        var current = _balances.TryGetValue(asset, out var b) ? b : (0m, 0m);
        _balances[asset] = (current.Item1 + free, current.Item2 + locked);
        changed.Add(asset);
    }

    private void Lock(Order order, string asset, decimal amount, HashSet<string> changed)
    {
        Adjust(asset, -amount, amount, changed);
        order.Locked += amount;
    }

    private void Register(Book book, Order order)
    {
        book.Open.Add(order);
        book.OpenByClientId[order.ClientOrderId] = order;
        book.All.Add(order);
        book.ById[order.OrderId] = order;
        if (book.All.Count > book.PruneAt)
        {
            Prune(book);
            book.PruneAt = Math.Max(MaxHistory, book.All.Count) + (MaxHistory / 10);
        }
    }

    /// <summary>Forgets the oldest finished orders, trades and lists so a long paper session does not grow without bound.</summary>
    private void Prune(Book book)
    {
        var excess = book.All.Count - MaxHistory;
        var dropped = book.All.Where(o => !o.IsOpen).Take(excess).ToHashSet();
        book.All.RemoveAll(dropped.Contains);
        foreach (var order in dropped)
        {
            book.ById.Remove(order.OrderId);
            if (order.List is { ListOrderStatus: "ALL_DONE" } list)
            {
                _lists.Remove(list.OrderListId);
            }
        }

        if (book.Trades.Count > MaxHistory)
        {
            book.Trades.RemoveRange(0, book.Trades.Count - MaxHistory);
        }
    }

    private static void RemoveOpen(Book book, Order order)
    {
        if (book.Open.Remove(order) && book.OpenByClientId.TryGetValue(order.ClientOrderId, out var same) && ReferenceEquals(same, order))
        {
            book.OpenByClientId.Remove(order.ClientOrderId);
        }
    }

    private static Order? Find(Book book, long? orderId, string? clientId, bool openOnly)
    {
        Order? found = null;
        if (orderId is { } id)
        {
            book.ById.TryGetValue(id, out found);
        }
        else if (clientId is not null)
        {
            found = book.OpenByClientId.GetValueOrDefault(clientId) ?? book.All.LastOrDefault(o => o.ClientOrderId == clientId);
        }

        return found is null || (openOnly && !found.IsOpen) ? null : found;
    }

    private void MatchSpotOnArrival(Book book, Order order, List<TradeSnapshot> fills, HashSet<string> changed)
    {
        var limit = order.Type == OrderType.Market || (order.Type is OrderType.StopLoss or OrderType.TakeProfit) ? (decimal?)null : order.Price;
        if (limit is { } l && !WouldTake(book, order.Side, l))
        {
            if (order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
            {
                EndSpotOrder(book, order, OrderStatus.Expired, changed, order.TimeInForce == TimeInForce.Fok ? "UNFILLED_FOK_ORDER_EXPIRED" : "UNFILLED_IOC_QUANTITY_EXPIRED");
            }

            return;
        }

        var wanted = MatchableQty(book, order.Remaining);
        var walk = Walk(book, order.Side, wanted, null, limit);
        if (order.TimeInForce == TimeInForce.Fok && walk.Sum(f => f.Qty) < order.Remaining)
        {
            EndSpotOrder(book, order, OrderStatus.Expired, changed, "UNFILLED_FOK_ORDER_EXPIRED");
            return;
        }

        foreach (var (price, qty) in walk)
        {
            fills.Add(ApplySpotFill(book, order, price, qty, isMaker: false, changed));
        }

        if (order.IsOpen && (limit is null || order.TimeInForce == TimeInForce.Ioc))
        {
            EndSpotOrder(book, order, OrderStatus.Expired, changed, limit is null ? "INSUFFICIENT_LIQUIDITY" : "UNFILLED_IOC_QUANTITY_EXPIRED");
        }
    }

    /// <summary>Spot commissions are paid in BNB while the account holds enough (see <see cref="EngineOptions.SpotBnbBurn"/>).</summary>
    public bool SpotBnbBurn
    {
        get
        {
            lock (_gate)
            {
                return _spotBnbBurn;
            }
        }
    }

    public void SetSpotBnbBurn(bool enabled)
    {
        lock (_gate)
        {
            _spotBnbBurn = enabled;
        }
    }

    /// <summary>
    /// The commission of a fill worth <paramref name="quoteQty"/> paid in BNB: the discounted fee valued at the BNB price
    /// of the quote asset; null when BNB burn is off, BNB has no price in that asset, or the account holds too little.
    /// </summary>
    private decimal? BnbCommission(SymbolRules rules, decimal price, decimal quoteQty, decimal fee)
    {
        if (!_spotBnbBurn)
        {
            return null;
        }

        var bnbPrice = rules.BaseAsset == Bnb ? price
            : rules.QuoteAsset == Bnb ? 1m
            : _spot.TryGetValue(Bnb + rules.QuoteAsset, out var bnbBook) ? bnbBook.Last : 0m;
        if (bnbPrice <= 0m)
        {
            return null;
        }

        var commission = Math.Round(quoteQty * fee * _options.SpotBnbFeeFactor / bnbPrice, 8, MidpointRounding.AwayFromZero);
        return Free(Bnb) >= commission ? commission : null;
    }

    private const string Bnb = "BNB";

    private TradeSnapshot ApplySpotFill(Book book, Order order, decimal price, decimal qty, bool isMaker, HashSet<string> changed)
    {
        TakeListLock(order);
        var rules = book.Rules;
        var fee = isMaker ? _options.SpotMakerFee : _options.SpotTakerFee;
        var quoteQty = price * qty;

        // Paid in BNB, the commission leaves the BNB balance and the trade's base and quote change hands in full;
        // otherwise a buy pays it in the base asset and a sell in the quote asset.
        var inBnb = BnbCommission(rules, price, quoteQty, fee);
        var commission = inBnb ?? (order.Side == OrderSide.Buy ? qty * fee : quoteQty * fee);
        var commissionAsset = inBnb is not null ? Bnb : order.Side == OrderSide.Buy ? rules.BaseAsset : rules.QuoteAsset;
        if (order.Side == OrderSide.Buy)
        {
            var lockPrice = order.Price > 0 ? order.Price : order.StopPrice;
            var release = Math.Min(order.Locked, order.Type == OrderType.Market || lockPrice == 0 ? quoteQty : qty * lockPrice);
            order.Locked -= release;
            Adjust(rules.QuoteAsset, release - quoteQty, -release, changed);
            Adjust(rules.BaseAsset, qty - (inBnb is null ? commission : 0m), 0, changed);
        }
        else
        {
            var release = Math.Min(order.Locked, qty);
            order.Locked -= release;
            Adjust(rules.BaseAsset, release - qty, -release, changed);
            Adjust(rules.QuoteAsset, quoteQty - (inBnb is null ? commission : 0m), 0, changed);
        }

        if (inBnb is not null)
        {
            Adjust(Bnb, -commission, 0, changed);
        }

        var trade = new TradeSnapshot(MarketKind.Spot, order.Symbol, book.NextTradeId++, order.OrderId, order.List?.OrderListId ?? -1, order.Side, price, qty, quoteQty, commission, commissionAsset, 0, isMaker, NowMs);
        book.Trades.Add(trade);
        order.ExecutedQty += qty;
        order.CumQuote += quoteQty;
        order.UpdateTime = NowMs;
        order.Status = order.Remaining <= 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (order.Status == OrderStatus.Filled)
        {
            RemoveOpen(book, order);
            ReleaseLock(book, order, changed);
        }

        Raise(new OrderUpdated(order.Snapshot(), ExecutionType.Trade, trade, "NONE", string.Empty, NowMs));
        book.Candles.Update(NowMs, price, qty);
        Print(book, trade.Id, price, qty, isMaker == (order.Side == OrderSide.Buy));
        OnListLegActivity(book, order, changed);
        return trade;
    }

    private void EndSpotOrder(Book book, Order order, OrderStatus status, HashSet<string> changed, string expiryReason)
    {
        order.Status = status;
        order.UpdateTime = NowMs;
        RemoveOpen(book, order);
        ReleaseLock(book, order, changed);
        Raise(new OrderUpdated(order.Snapshot(), status == OrderStatus.Canceled ? ExecutionType.Canceled : ExecutionType.Expired, null, "NONE", expiryReason, NowMs));
    }

    private void ReleaseLock(Book book, Order order, HashSet<string> changed)
    {
        if (order.Locked > 0)
        {
            var asset = order.Side == OrderSide.Buy ? book.Rules.QuoteAsset : book.Rules.BaseAsset;
            Adjust(asset, order.Locked, -order.Locked, changed);
            order.Locked = 0;
        }
    }

    private void FinishSpot(HashSet<string> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var balances = changed.Order(StringComparer.Ordinal).Select(a => new BalanceSnapshot(a, _balances[a].Free, _balances[a].Locked)).ToList();
        Raise(new SpotBalancesChanged(balances, NowMs));
        RecordSpotHistory();
    }

    private void RecordSpotHistory()
    {
        _spotHistory.Add((NowMs, CurrentBalances()));
        TrimHistory(_spotHistory);
    }

    private void TrimHistory<T>(List<(long Time, T Value)> history)
    {
        // Trimmed in batches: removing one entry per change would move the whole list every time.
        if (history.Count < 12_000 && history[0].Time > NowMs - 660_000)
        {
            return;
        }

        // Ten minutes is far more than any position lag a test configures; the newest entry always stays.
        var cutoff = NowMs - 600_000;
        var drop = 0;
        while (drop < history.Count - 1 && (history[drop + 1].Time <= cutoff || history.Count - drop > 10_000))
        {
            drop++;
        }

        history.RemoveRange(0, drop);
    }

    private void SpotPriceMoved(Book book)
    {
        if (book.Open.Count == 0)
        {
            return;
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in book.Open.ToList())
        {
            if (!order.IsOpen)
            {
                continue;
            }

            if (!order.IsWorking)
            {
                if (!TriggerCrossed(order.Type, order.Side, order.StopPrice, book.Last))
                {
                    continue;
                }

                order.IsWorking = true;
                order.WorkingTime = NowMs;
                TakeListLock(order);
                OnListLegActivity(book, order, changed);
                MatchSpotOnArrival(book, order, [], changed);
                continue;
            }

            if (order.Side == OrderSide.Buy ? book.Last <= order.Price : book.Last >= order.Price)
            {
                ApplySpotFill(book, order, order.Price, MatchableQty(book, order.Remaining), isMaker: true, changed);
            }
        }

        FinishSpot(changed);
    }
}
