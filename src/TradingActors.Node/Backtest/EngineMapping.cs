using TradingActors.Exchange;
using E = TradingActors.Simulator.Engine;

namespace TradingActors.Node.Backtest;

/// <summary>The simulator engine's records as the exchange contract's domain types (what the Binance connector parses from the wire).</summary>
internal static class EngineMapping
{
    public static Market Market(E.MarketKind market) => market == E.MarketKind.Spot ? Exchange.Market.Spot : Exchange.Market.Futures;

    public static E.MarketKind Kind(Market market) => market == Exchange.Market.Spot ? E.MarketKind.Spot : E.MarketKind.Futures;

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static E.OrderSide Side(OrderSide side) => side == OrderSide.Buy ? E.OrderSide.Buy : E.OrderSide.Sell;

    public static OrderSide Side(E.OrderSide side) => side == E.OrderSide.Buy ? OrderSide.Buy : OrderSide.Sell;

    public static E.TimeInForce TimeInForce(TimeInForce? tif) => tif switch
    {
        Exchange.TimeInForce.ImmediateOrCancel => E.TimeInForce.Ioc,
        Exchange.TimeInForce.FillOrKill => E.TimeInForce.Fok,
        Exchange.TimeInForce.PostOnly => E.TimeInForce.Gtx,
        Exchange.TimeInForce.GoodTillDate => E.TimeInForce.Gtd,
        _ => E.TimeInForce.Gtc,
    };

    public static TimeInForce TimeInForce(E.TimeInForce tif) => tif switch
    {
        E.TimeInForce.Ioc => Exchange.TimeInForce.ImmediateOrCancel,
        E.TimeInForce.Fok => Exchange.TimeInForce.FillOrKill,
        E.TimeInForce.Gtx => Exchange.TimeInForce.PostOnly,
        E.TimeInForce.Gtd => Exchange.TimeInForce.GoodTillDate,
        _ => Exchange.TimeInForce.GoodTillCanceled,
    };

    public static E.OrderType OrderType(OrderType type) => type switch
    {
        Exchange.OrderType.Limit => E.OrderType.Limit,
        Exchange.OrderType.Market => E.OrderType.Market,
        Exchange.OrderType.StopLoss => E.OrderType.StopLoss,
        Exchange.OrderType.StopLossLimit => E.OrderType.StopLossLimit,
        Exchange.OrderType.TakeProfit => E.OrderType.TakeProfit,
        Exchange.OrderType.TakeProfitLimit => E.OrderType.TakeProfitLimit,
        Exchange.OrderType.Stop => E.OrderType.Stop,
        Exchange.OrderType.StopMarket => E.OrderType.StopMarket,
        Exchange.OrderType.TakeProfitMarket => E.OrderType.TakeProfitMarket,
        Exchange.OrderType.TrailingStopMarket => E.OrderType.TrailingStopMarket,
        _ => throw new ArgumentException($"Order type {type} cannot be sent.", nameof(type)),
    };

    public static OrderType OrderType(E.OrderType type) => type switch
    {
        E.OrderType.Limit or E.OrderType.LimitMaker => Exchange.OrderType.Limit,
        E.OrderType.Market => Exchange.OrderType.Market,
        E.OrderType.StopLoss => Exchange.OrderType.StopLoss,
        E.OrderType.StopLossLimit => Exchange.OrderType.StopLossLimit,
        E.OrderType.TakeProfit => Exchange.OrderType.TakeProfit,
        E.OrderType.TakeProfitLimit => Exchange.OrderType.TakeProfitLimit,
        E.OrderType.Stop => Exchange.OrderType.Stop,
        E.OrderType.StopMarket => Exchange.OrderType.StopMarket,
        E.OrderType.TakeProfitMarket => Exchange.OrderType.TakeProfitMarket,
        E.OrderType.TrailingStopMarket => Exchange.OrderType.TrailingStopMarket,
        _ => Exchange.OrderType.Other,
    };

    public static E.OrderType ConditionalType(ConditionalOrderType type) => type switch
    {
        ConditionalOrderType.StopMarket => E.OrderType.StopMarket,
        ConditionalOrderType.TakeProfitMarket => E.OrderType.TakeProfitMarket,
        ConditionalOrderType.TrailingStopMarket => E.OrderType.TrailingStopMarket,
        ConditionalOrderType.Stop => E.OrderType.Stop,
        _ => E.OrderType.TakeProfit,
    };

    public static ConditionalOrderType ConditionalType(E.OrderType type) => type switch
    {
        E.OrderType.StopMarket => ConditionalOrderType.StopMarket,
        E.OrderType.TakeProfitMarket => ConditionalOrderType.TakeProfitMarket,
        E.OrderType.TrailingStopMarket => ConditionalOrderType.TrailingStopMarket,
        E.OrderType.Stop => ConditionalOrderType.Stop,
        _ => ConditionalOrderType.TakeProfit,
    };

    public static OrderStatus Status(E.OrderStatus status) => status switch
    {
        E.OrderStatus.PartiallyFilled => OrderStatus.PartiallyFilled,
        E.OrderStatus.Filled => OrderStatus.Filled,
        E.OrderStatus.Canceled => OrderStatus.Canceled,
        E.OrderStatus.Rejected => OrderStatus.Rejected,
        E.OrderStatus.Expired => OrderStatus.Expired,
        E.OrderStatus.ExpiredInMatch => OrderStatus.ExpiredInMatch,
        _ => OrderStatus.New,
    };

    public static AlgoOrderStatus Status(E.AlgoStatus status) => status switch
    {
        E.AlgoStatus.Canceled => AlgoOrderStatus.Canceled,
        E.AlgoStatus.Triggering => AlgoOrderStatus.Triggering,
        E.AlgoStatus.Triggered => AlgoOrderStatus.Triggered,
        E.AlgoStatus.Finished => AlgoOrderStatus.Finished,
        E.AlgoStatus.Rejected => AlgoOrderStatus.Rejected,
        E.AlgoStatus.Expired => AlgoOrderStatus.Expired,
        _ => AlgoOrderStatus.New,
    };

    public static ExecutionType Execution(E.ExecutionType execution) => execution switch
    {
        E.ExecutionType.Canceled => ExecutionType.Canceled,
        E.ExecutionType.Trade => ExecutionType.Trade,
        E.ExecutionType.Expired => ExecutionType.Expired,
        E.ExecutionType.Rejected => ExecutionType.Rejected,
        E.ExecutionType.Amendment => ExecutionType.Amendment,
        _ => ExecutionType.New,
    };

    public static E.WorkingType WorkingType(WorkingType type) => type == Exchange.WorkingType.MarkPrice ? E.WorkingType.MarkPrice : E.WorkingType.ContractPrice;

    public static WorkingType WorkingType(E.WorkingType type) => type == E.WorkingType.MarkPrice ? Exchange.WorkingType.MarkPrice : Exchange.WorkingType.ContractPrice;

    public static OrderSnapshot Order(E.OrderSnapshot o) => new()
    {
        Market = Market(o.Market),
        Symbol = new Symbol(o.Symbol),
        OrderId = o.OrderId,
        ClientOrderId = ClientOrderId.FromExchange(o.ClientOrderId),
        Side = Side(o.Side),
        Type = o.Type == E.OrderType.LimitMaker ? Exchange.OrderType.Limit : OrderType(o.Type),
        TimeInForce = o.Type == E.OrderType.LimitMaker ? Exchange.TimeInForce.PostOnly : TimeInForce(o.TimeInForce),
        Status = Status(o.Status),
        Price = o.Price,
        StopPrice = o.StopPrice,
        OriginalQuantity = o.OrigQty,
        ExecutedQuantity = o.ExecutedQty,
        CumulativeQuoteQuantity = o.CumQuote,
        AveragePrice = o.AvgPrice,
        ReduceOnly = o.ReduceOnly,
        ClosePosition = o.ClosePosition,
        PositionSide = PositionSide.Both,
        WorkingType = o.Market == E.MarketKind.Futures ? WorkingType(o.WorkingType) : null,
        OrderListId = o.OrderListId >= 0 ? o.OrderListId : null,
        UpdatedAt = Time(o.UpdateTime),
    };

    public static Fill Fill(E.TradeSnapshot t) => new()
    {
        Market = Market(t.Market),
        Symbol = new Symbol(t.Symbol),
        TradeId = t.Id,
        OrderId = t.OrderId,
        Side = Side(t.Side),
        Price = t.Price,
        Quantity = t.Qty,
        QuoteQuantity = t.QuoteQty,
        Commission = t.Commission,
        CommissionAsset = t.CommissionAsset,
        IsMaker = t.IsMaker,
        RealizedPnl = t.RealizedPnl,
        Time = Time(t.Time),
    };

    public static AlgoOrderSnapshot Algo(E.AlgoOrderSnapshot a) => new()
    {
        Symbol = new Symbol(a.Symbol),
        AlgoId = a.AlgoId,
        ClientAlgoId = ClientOrderId.FromExchange(a.ClientAlgoId),
        Side = Side(a.Side),
        Type = ConditionalType(a.OrderType),
        Status = Status(a.Status),
        Quantity = a.Quantity,
        TriggerPrice = a.TriggerPrice,
        Price = a.Price,
        WorkingType = WorkingType(a.WorkingType),
        ClosePosition = a.ClosePosition,
        ReduceOnly = a.ReduceOnly,
        PositionSide = PositionSide.Both,
        ActivationPrice = a.ActivatePrice > 0m ? a.ActivatePrice : null,
        CallbackRatePercent = a.CallbackRate > 0m ? a.CallbackRate : null,
        TriggeredOrderId = a.ActualOrderId > 0 ? a.ActualOrderId : null,
        UpdatedAt = Time(a.UpdateTime),
    };

    public static OrderListSnapshot List(E.OrderListSnapshot l) => new()
    {
        Symbol = new Symbol(l.Symbol),
        OrderListId = l.OrderListId,
        ListClientOrderId = ClientOrderId.FromExchange(l.ListClientOrderId),
        Status = l.ListOrderStatus switch
        {
            "EXECUTING" => OrderListStatus.Executing,
            "ALL_DONE" => OrderListStatus.AllDone,
            _ => OrderListStatus.Rejected,
        },
        Legs = [.. l.Orders.Select(o => new OrderListLeg(o.OrderId, ClientOrderId.FromExchange(o.ClientOrderId)))],
        Orders = [.. l.Orders.Select(Order)],
        UpdatedAt = Time(l.TransactionTime),
    };

    public static Position Position(E.PositionSnapshot p) => new()
    {
        Symbol = new Symbol(p.Symbol),
        Side = PositionSide.Both,
        Quantity = p.PositionAmt,
        EntryPrice = p.EntryPrice,
        BreakEvenPrice = p.BreakEvenPrice,
        MarkPrice = p.MarkPrice,
        UnrealizedPnl = p.UnrealizedProfit,
        LiquidationPrice = p.LiquidationPrice,
        Leverage = p.Leverage,
        MarginType = p.MarginType == E.MarginType.Isolated ? MarginType.Isolated : MarginType.Cross,
        IsolatedWallet = p.IsolatedWallet,
        UpdatedAt = Time(p.UpdateTime),
    };

    public static SymbolRules Rules(E.SymbolRules r, bool ocoAllowed) => new()
    {
        Market = Market(r.Market),
        Symbol = new Symbol(r.Symbol),
        BaseAsset = r.BaseAsset,
        QuoteAsset = r.QuoteAsset,
        TickSize = r.TickSize,
        MinPrice = r.MinPrice,
        MaxPrice = r.MaxPrice,
        StepSize = r.StepSize,
        MinQuantity = r.MinQty,
        MaxQuantity = r.MaxQty,
        MarketStepSize = r.StepSize,
        MinNotional = r.MinNotional,
        OcoAllowed = ocoAllowed,
    };
}
