using System.Text.Json;
using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Spot.WebSocket;

/// <summary>Spot user-data events (from the WebSocket API subscription or a legacy listen key) to domain events.</summary>
internal static class SpotUserDataParsing
{
    /// <summary>Parses one event object; null for events the domain does not use (e.g. balanceUpdate).</summary>
    public static UserDataEvent? Parse(JsonElement evt)
    {
        var type = evt.TryGetProperty("e", out var e) ? e.GetString() : null;
        return type switch
        {
            "executionReport" => ToOrderUpdated(BinanceJson.Deserialize<ExecutionReportWire>(evt)),
            "outboundAccountPosition" => ToAccountUpdated(BinanceJson.Deserialize<OutboundAccountPositionWire>(evt)),
            "listStatus" => ToOrderListUpdated(BinanceJson.Deserialize<ListStatusWire>(evt)),
            _ => null,
        };
    }

    public static OrderUpdated ToOrderUpdated(ExecutionReportWire w)
    {
        var executionType = BinanceWireEnums.ParseExecutionType(w.ExecutionType);

        // On a cancel, c is the cancel request's id and C the order's own id.
        var clientId = string.IsNullOrEmpty(w.OriginalClientOrderId) ? w.ClientOrderId : w.OriginalClientOrderId;
        var order = new OrderSnapshot
        {
            Market = Market.Spot,
            Symbol = new Symbol(w.Symbol),
            OrderId = w.OrderId,
            ClientOrderId = ClientOrderId.FromExchange(clientId),
            Side = BinanceWireEnums.ParseSide(w.Side),
            Type = BinanceWireEnums.ParseOrderType(w.OrderType),
            TimeInForce = w.OrderType == "LIMIT_MAKER" ? TimeInForce.PostOnly : BinanceWireEnums.ParseTimeInForce(w.TimeInForce),
            Status = BinanceWireEnums.ParseStatus(w.Status),
            Price = w.Price,
            StopPrice = w.StopPrice,
            OriginalQuantity = w.Quantity,
            ExecutedQuantity = w.CumulativeQuantity,
            CumulativeQuoteQuantity = w.CumulativeQuote,
            AveragePrice = w.CumulativeQuantity > 0m ? w.CumulativeQuote / w.CumulativeQuantity : 0m,
            OrderListId = w.OrderListId >= 0 ? w.OrderListId : null,
            UpdatedAt = BinanceJson.Time(w.TransactionTime),
        };
        Fill? fill = executionType == ExecutionType.Trade && w.LastQuantity > 0m
            ? new Fill
            {
                Market = Market.Spot,
                Symbol = order.Symbol,
                TradeId = w.TradeId,
                OrderId = w.OrderId,
                Side = order.Side,
                Price = w.LastPrice,
                Quantity = w.LastQuantity,
                QuoteQuantity = w.LastQuote,
                Commission = w.Commission,
                CommissionAsset = w.CommissionAsset ?? string.Empty,
                IsMaker = w.IsMaker,
                Time = BinanceJson.Time(w.TransactionTime),
            }
            : null;
        var reason = !string.IsNullOrEmpty(w.ExpiryReason) ? w.ExpiryReason
            : w.RejectReason is { Length: > 0 } r && r != "NONE" ? r : null;
        return new OrderUpdated
        {
            Market = Market.Spot,
            EventTime = BinanceJson.Time(w.EventTime),
            Order = order,
            ExecutionType = executionType,
            LastFill = fill,
            Reason = reason,
        };
    }

    public static AccountUpdated ToAccountUpdated(OutboundAccountPositionWire w) => new()
    {
        Market = Market.Spot,
        EventTime = BinanceJson.Time(w.EventTime),
        Reason = "outboundAccountPosition",
        Balances = [.. w.Balances.Select(b => new Balance(b.Asset, b.Free + b.Locked, b.Free))],
    };

    public static OrderListUpdated ToOrderListUpdated(ListStatusWire w) => new()
    {
        Market = Market.Spot,
        EventTime = BinanceJson.Time(w.EventTime),
        OrderList = new OrderListSnapshot
        {
            Symbol = new Symbol(w.Symbol),
            OrderListId = w.OrderListId,
            ListClientOrderId = ClientOrderId.FromExchange(w.ListClientOrderId),
            Status = BinanceWireEnums.ParseListOrderStatus(w.ListOrderStatus),
            Legs = [.. w.Orders.Select(o => new OrderListLeg(o.OrderId, ClientOrderId.FromExchange(o.ClientOrderId)))],
            UpdatedAt = BinanceJson.Time(w.TransactionTime),
        },
    };
}
