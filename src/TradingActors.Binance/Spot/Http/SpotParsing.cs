using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Spot.Http;

/// <summary>Spot REST wire models to domain types.</summary>
internal static class SpotParsing
{
    public static OrderSnapshot ToSnapshot(SpotOrderWire o)
    {
        var updated = Math.Max(Math.Max(o.UpdateTime, o.TransactTime), Math.Max(o.Time, o.WorkingTime));
        return new OrderSnapshot
        {
            Market = Market.Spot,
            Symbol = new Symbol(o.Symbol),
            OrderId = o.OrderId,

            // A cancel answer names the cancel request in clientOrderId; the order's own id is origClientOrderId.
            ClientOrderId = ClientOrderId.FromExchange(o.OrigClientOrderId ?? o.ClientOrderId),
            Side = BinanceWireEnums.ParseSide(o.Side),
            Type = BinanceWireEnums.ParseOrderType(o.Type),
            TimeInForce = o.Type == "LIMIT_MAKER" ? TimeInForce.PostOnly : BinanceWireEnums.ParseTimeInForce(o.TimeInForce),
            Status = BinanceWireEnums.ParseStatus(o.Status),
            Price = o.Price,
            StopPrice = o.StopPrice,
            OriginalQuantity = o.OrigQty,
            ExecutedQuantity = o.ExecutedQty,
            CumulativeQuoteQuantity = o.CummulativeQuoteQty,
            AveragePrice = o.ExecutedQty > 0m ? o.CummulativeQuoteQty / o.ExecutedQty : 0m,
            OrderListId = o.OrderListId >= 0 ? o.OrderListId : null,
            UpdatedAt = BinanceJson.Time(updated),
        };
    }

    public static OrderListSnapshot ToOrderList(SpotOrderListWire l) => new()
    {
        Symbol = new Symbol(l.Symbol),
        OrderListId = l.OrderListId,
        ListClientOrderId = ClientOrderId.FromExchange(l.ListClientOrderId),
        Status = BinanceWireEnums.ParseListOrderStatus(l.ListOrderStatus),
        Legs = [.. l.Orders.Select(o => new OrderListLeg(o.OrderId, ClientOrderId.FromExchange(o.ClientOrderId)))],
        Orders = l.OrderReports is null ? [] : [.. l.OrderReports.Select(ToSnapshot)],
        UpdatedAt = BinanceJson.Time(l.TransactionTime),
    };

    public static Fill ToFill(SpotTradeWire t) => new()
    {
        Market = Market.Spot,
        Symbol = new Symbol(t.Symbol),
        TradeId = t.Id,
        OrderId = t.OrderId,
        Side = t.IsBuyer ? OrderSide.Buy : OrderSide.Sell,
        Price = t.Price,
        Quantity = t.Qty,
        QuoteQuantity = t.QuoteQty,
        Commission = t.Commission,
        CommissionAsset = t.CommissionAsset,
        IsMaker = t.IsMaker,
        Time = BinanceJson.Time(t.Time),
    };

    public static IReadOnlyList<Balance> ToBalances(SpotAccountWire a) =>
        [.. a.Balances.Select(b => new Balance(b.Asset, b.Free + b.Locked, b.Free))];
}
