namespace TradingActors.Simulator.Engine;

/// <summary>An order's mutable state inside the engine; only ever touched under the engine's lock.</summary>
internal sealed class Order
{
    public required MarketKind Market { get; init; }

    public required string Symbol { get; init; }

    public required long OrderId { get; init; }

    public required string ClientOrderId { get; init; }

    public required OrderSide Side { get; init; }

    public required OrderType Type { get; set; }

    public required OrderType OrigType { get; init; }

    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    public decimal Price { get; set; }

    public decimal StopPrice { get; init; }

    public decimal OrigQty { get; set; }

    public decimal ExecutedQty { get; set; }

    public decimal CumQuote { get; set; }

    public decimal OrigQuoteOrderQty { get; init; }

    public OrderStatus Status { get; set; }

    public bool ReduceOnly { get; init; }

    public bool ClosePosition { get; init; }

    public WorkingType WorkingType { get; init; } = WorkingType.ContractPrice;

    public OrderList? List { get; set; }

    public long Time { get; init; }

    public long UpdateTime { get; set; }

    public long WorkingTime { get; set; }

    /// <summary>False for a spot stop that waits for its trigger.</summary>
    public bool IsWorking { get; set; } = true;

    /// <summary>Spot funds held for this order (quote for BUY, base for SELL).</summary>
    public decimal Locked { get; set; }

    public decimal Remaining => OrigQty - ExecutedQty;

    public bool IsOpen => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    public OrderSnapshot Snapshot() => new()
    {
        Market = Market,
        Symbol = Symbol,
        OrderId = OrderId,
        ClientOrderId = ClientOrderId,
        Side = Side,
        Type = Type,
        OrigType = OrigType,
        TimeInForce = TimeInForce,
        Price = Price,
        StopPrice = StopPrice,
        OrigQty = OrigQty,
        ExecutedQty = ExecutedQty,
        CumQuote = CumQuote,
        OrigQuoteOrderQty = OrigQuoteOrderQty,
        Status = Status,
        ReduceOnly = ReduceOnly,
        ClosePosition = ClosePosition,
        WorkingType = WorkingType,
        OrderListId = List?.OrderListId ?? -1,
        Time = Time,
        UpdateTime = UpdateTime,
        WorkingTime = IsWorking ? WorkingTime : -1,
        IsWorking = IsWorking,
    };
}

/// <summary>A spot OCO's shared state.</summary>
internal sealed class OrderList
{
    public required long OrderListId { get; init; }

    public required string ListClientOrderId { get; init; }

    public required string Symbol { get; init; }

    public List<Order> Legs { get; } = [];

    public string ListOrderStatus { get; set; } = "EXECUTING";

    public long TransactionTime { get; set; }

    public OrderListSnapshot Snapshot(string statusType) => new(
        Symbol,
        OrderListId,
        ListClientOrderId,
        statusType,
        ListOrderStatus,
        TransactionTime,
        Legs.Select(l => l.Snapshot()).ToList());
}

/// <summary>A futures conditional order waiting for its trigger.</summary>
internal sealed class AlgoOrder
{
    public required AlgoOrderSnapshot State { get; set; }

    /// <summary>Best price seen since activation (trailing stops).</summary>
    public decimal Extreme { get; set; }

    public bool Activated { get; set; }
}

/// <summary>A futures one-way isolated position.</summary>
internal sealed class Position
{
    public decimal Amount { get; set; }

    public decimal EntryPrice { get; set; }

    public decimal IsolatedMargin { get; set; }

    public decimal RealizedProfit { get; set; }

    public int Leverage { get; set; }

    public MarginType MarginType { get; set; } = MarginType.Isolated;

    public long UpdateTime { get; set; }
}

/// <summary>One symbol on one market: prices, orders, trades, and the futures position.</summary>
internal sealed class Book
{
    public required SymbolRules Rules { get; init; }

    public required CandleSeries Candles { get; init; }

    public decimal Last { get; set; }

    public decimal Mark { get; set; }

    /// <summary>The depth sequence: moves by one each time the synthetic book changes (that is, when <see cref="Last"/> does).</summary>
    public long DepthUpdateId { get; set; } = 1;

    /// <summary>The last price the synthetic book was drawn at for <see cref="DepthUpdateId"/>.</summary>
    public decimal DepthLast { get; set; }

    public List<Order> Open { get; } = [];

    /// <summary>Open orders by client id, so duplicate checks stay O(1) with many resting orders.</summary>
    public Dictionary<string, Order> OpenByClientId { get; } = new(StringComparer.Ordinal);

    public List<Order> All { get; } = [];

    public Dictionary<long, Order> ById { get; } = [];

    public List<TradeSnapshot> Trades { get; } = [];

    /// <summary>Every print on the symbol (ours and the synthetic flow), for REST trades and aggTrades.</summary>
    public List<PublicTrade> Tape { get; } = [];

    public List<AlgoOrder> Algos { get; } = [];

    public Position Position { get; } = new();

    public long NextTradeId { get; set; } = 1;

    /// <summary>Order count at which finished orders are pruned next (moves up when everything is still open).</summary>
    public int PruneAt { get; set; } = 22_000;

    /// <summary>Fraction of an order's remaining quantity one match may fill; 1 unless a fault forces partial fills.</summary>
    public decimal FillFraction { get; set; } = 1m;

    public int FillFractionCount { get; set; }
}
