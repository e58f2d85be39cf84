using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Futures.Http;

/// <summary>Futures REST wire models to domain types.</summary>
internal static class FuturesParsing
{
    public static OrderSnapshot ToSnapshot(FuturesOrderWire o) => new()
    {
        Market = Market.Futures,
        Symbol = new Symbol(o.Symbol),
        OrderId = o.OrderId,
        ClientOrderId = ClientOrderId.FromExchange(o.ClientOrderId),
        Side = BinanceWireEnums.ParseSide(o.Side),
        Type = BinanceWireEnums.ParseOrderType(o.Type),
        TimeInForce = BinanceWireEnums.ParseTimeInForce(o.TimeInForce),
        Status = BinanceWireEnums.ParseStatus(o.Status),
        Price = o.Price,
        StopPrice = o.StopPrice,
        OriginalQuantity = o.OrigQty,
        ExecutedQuantity = o.ExecutedQty,
        CumulativeQuoteQuantity = o.CumQuote,
        AveragePrice = o.AvgPrice,
        ReduceOnly = o.ReduceOnly,
        ClosePosition = o.ClosePosition,
        PositionSide = BinanceWireEnums.ParsePositionSide(o.PositionSide),
        WorkingType = o.WorkingType is null ? null : BinanceWireEnums.ParseWorkingType(o.WorkingType),
        UpdatedAt = BinanceJson.Time(Math.Max(o.UpdateTime, o.Time)),
    };

    public static AlgoOrderSnapshot ToSnapshot(FuturesAlgoOrderWire a) => new()
    {
        Symbol = new Symbol(a.Symbol),
        AlgoId = a.AlgoId,
        ClientAlgoId = ClientOrderId.FromExchange(a.ClientAlgoId),
        Side = BinanceWireEnums.ParseSide(a.Side),
        Type = BinanceWireEnums.ParseConditionalType(a.OrderType),
        Status = BinanceWireEnums.ParseAlgoStatus(a.AlgoStatus),
        Quantity = a.Quantity,
        TriggerPrice = a.TriggerPrice,
        Price = a.Price,
        WorkingType = BinanceWireEnums.ParseWorkingType(a.WorkingType),
        ClosePosition = a.ClosePosition,
        ReduceOnly = a.ReduceOnly,
        PositionSide = BinanceWireEnums.ParsePositionSide(a.PositionSide),
        TriggeredOrderId = a.ActualOrderId > 0 ? a.ActualOrderId : null,
        ActivationPrice = a.ActivatePrice is > 0 ? a.ActivatePrice : null,
        CallbackRatePercent = a.CallbackRate is > 0 ? a.CallbackRate : null,
        UpdatedAt = BinanceJson.Time(Math.Max(a.UpdateTime, a.CreateTime)),
    };

    public static Position ToPosition(PositionRiskWire p) => new()
    {
        Symbol = new Symbol(p.Symbol),
        Side = BinanceWireEnums.ParsePositionSide(p.PositionSide),
        Quantity = p.PositionAmt,
        EntryPrice = p.EntryPrice,
        BreakEvenPrice = p.BreakEvenPrice,
        MarkPrice = p.MarkPrice,
        UnrealizedPnl = p.UnRealizedProfit,
        LiquidationPrice = p.LiquidationPrice,
        Leverage = p.Leverage,
        MarginType = BinanceWireEnums.ParseMarginType(p.MarginType),
        IsolatedWallet = p.IsolatedWallet,
        UpdatedAt = BinanceJson.Time(p.UpdateTime),
    };

    public static Fill ToFill(FuturesTradeWire t) => new()
    {
        Market = Market.Futures,
        Symbol = new Symbol(t.Symbol),
        TradeId = t.Id,
        OrderId = t.OrderId,
        Side = BinanceWireEnums.ParseSide(t.Side),
        Price = t.Price,
        Quantity = t.Qty,
        QuoteQuantity = t.QuoteQty,
        Commission = t.Commission,
        CommissionAsset = t.CommissionAsset,
        IsMaker = t.Maker,
        RealizedPnl = t.RealizedPnl,
        Time = BinanceJson.Time(t.Time),
    };

    public static MarkPrice ToMarkPrice(PremiumIndexWire p) => new()
    {
        Market = Market.Futures,
        Symbol = new Symbol(p.Symbol),
        EventTime = BinanceJson.Time(p.Time),
        Price = p.MarkPrice,
        IndexPrice = p.IndexPrice,
        FundingRate = p.LastFundingRate,
        NextFundingTime = BinanceJson.Time(p.NextFundingTime),
    };

    public static FundingPayment ToFunding(IncomeWire i) => new()
    {
        Symbol = new Symbol(i.Symbol),
        Amount = i.Income,
        Asset = i.Asset,
        Time = BinanceJson.Time(i.Time),
    };
}
