using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>Engine snapshots in Binance's REST JSON shapes (spot prints eight decimals, futures plain decimals).</summary>
internal static class WireJson
{
    public static JsonObject Error(int code, string message) => new() { ["code"] = code, ["msg"] = message };

    public static JsonObject SpotOrder(OrderSnapshot o)
    {
        var json = new JsonObject
        {
            ["symbol"] = o.Symbol,
            ["orderId"] = o.OrderId,
            ["orderListId"] = o.OrderListId,
            ["clientOrderId"] = o.ClientOrderId,
            ["price"] = Wire.Dec8(o.Price),
            ["origQty"] = Wire.Dec8(o.OrigQty),
            ["executedQty"] = Wire.Dec8(o.ExecutedQty),
            ["cummulativeQuoteQty"] = Wire.Dec8(o.CumQuote),
            ["status"] = Wire.Name(o.Status),
            ["timeInForce"] = Wire.Name(o.TimeInForce),
            ["type"] = Wire.Name(o.Type),
            ["side"] = Wire.Name(o.Side),
            ["stopPrice"] = Wire.Dec8(o.StopPrice),
            ["icebergQty"] = Wire.Dec8(0),
            ["time"] = o.Time,
            ["updateTime"] = o.UpdateTime,
            ["isWorking"] = o.IsWorking,
            ["workingTime"] = o.WorkingTime,
            ["origQuoteOrderQty"] = Wire.Dec8(o.OrigQuoteOrderQty),
            ["selfTradePreventionMode"] = "EXPIRE_MAKER",
        };
        return json;
    }

    /// <summary>The reply to a new spot order in the requested detail (ACK, RESULT or FULL).</summary>
    public static JsonObject SpotNewOrder(OrderResult result, string respType, long transactTime)
    {
        var o = result.Order;
        var json = new JsonObject
        {
            ["symbol"] = o.Symbol,
            ["orderId"] = o.OrderId,
            ["orderListId"] = o.OrderListId,
            ["clientOrderId"] = o.ClientOrderId,
            ["transactTime"] = transactTime,
        };
        if (respType == "ACK")
        {
            return json;
        }

        json["price"] = Wire.Dec8(o.Price);
        json["origQty"] = Wire.Dec8(o.OrigQty);
        json["executedQty"] = Wire.Dec8(o.ExecutedQty);
        json["origQuoteOrderQty"] = Wire.Dec8(o.OrigQuoteOrderQty);
        json["cummulativeQuoteQty"] = Wire.Dec8(o.CumQuote);
        json["status"] = Wire.Name(o.Status);
        json["timeInForce"] = Wire.Name(o.TimeInForce);
        json["type"] = Wire.Name(o.Type);
        json["side"] = Wire.Name(o.Side);
        if (o.StopPrice > 0)
        {
            json["stopPrice"] = Wire.Dec8(o.StopPrice);
        }

        json["workingTime"] = o.WorkingTime;
        json["selfTradePreventionMode"] = "EXPIRE_MAKER";
        if (respType == "FULL")
        {
            json["fills"] = new JsonArray(result.Fills.Select(f => (JsonNode)new JsonObject
            {
                ["price"] = Wire.Dec8(f.Price),
                ["qty"] = Wire.Dec8(f.Qty),
                ["commission"] = Wire.Dec8(f.Commission),
                ["commissionAsset"] = f.CommissionAsset,
                ["tradeId"] = f.Id,
            }).ToArray());
        }

        return json;
    }

    public static JsonObject SpotCancel(OrderSnapshot o, string cancelClientId, long transactTime)
    {
        var json = SpotOrder(o);
        json.Remove("clientOrderId");
        json["origClientOrderId"] = o.ClientOrderId;
        json["clientOrderId"] = cancelClientId;
        json["transactTime"] = transactTime;
        return json;
    }

    public static JsonObject SpotTrade(TradeSnapshot t) => new()
    {
        ["symbol"] = t.Symbol,
        ["id"] = t.Id,
        ["orderId"] = t.OrderId,
        ["orderListId"] = t.OrderListId,
        ["price"] = Wire.Dec8(t.Price),
        ["qty"] = Wire.Dec8(t.Qty),
        ["quoteQty"] = Wire.Dec8(t.QuoteQty),
        ["commission"] = Wire.Dec8(t.Commission),
        ["commissionAsset"] = t.CommissionAsset,
        ["time"] = t.Time,
        ["isBuyer"] = t.Side == OrderSide.Buy,
        ["isMaker"] = t.IsMaker,
        ["isBestMatch"] = true,
    };

    public static JsonObject OrderList(OrderListSnapshot list, bool withReports) 
    {
        var json = new JsonObject
        {
            ["orderListId"] = list.OrderListId,
            ["contingencyType"] = "OCO",
            ["listStatusType"] = list.ListStatusType,
            ["listOrderStatus"] = list.ListOrderStatus,
            ["listClientOrderId"] = list.ListClientOrderId,
            ["transactionTime"] = list.TransactionTime,
            ["symbol"] = list.Symbol,
            ["orders"] = new JsonArray(list.Orders.Select(o => (JsonNode)new JsonObject
            {
                ["symbol"] = o.Symbol,
                ["orderId"] = o.OrderId,
                ["clientOrderId"] = o.ClientOrderId,
            }).ToArray()),
        };
        if (withReports)
        {
            json["orderReports"] = new JsonArray(list.Orders.Select(o => (JsonNode)SpotOrder(o)).ToArray());
        }

        return json;
    }

    public static JsonObject FuturesOrder(OrderSnapshot o) => new()
    {
        ["orderId"] = o.OrderId,
        ["symbol"] = o.Symbol,
        ["status"] = Wire.Name(o.Status),
        ["clientOrderId"] = o.ClientOrderId,
        ["price"] = Wire.Dec(o.Price),
        ["avgPrice"] = Wire.Dec(Math.Round(o.AvgPrice, 8)),
        ["origQty"] = Wire.Dec(o.OrigQty),
        ["executedQty"] = Wire.Dec(o.ExecutedQty),
        ["cumQty"] = Wire.Dec(o.ExecutedQty),
        ["cumQuote"] = Wire.Dec(o.CumQuote),
        ["timeInForce"] = Wire.Name(o.TimeInForce),
        ["type"] = Wire.Name(o.Type),
        ["reduceOnly"] = o.ReduceOnly,
        ["closePosition"] = o.ClosePosition,
        ["side"] = Wire.Name(o.Side),
        ["positionSide"] = "BOTH",
        ["stopPrice"] = Wire.Dec(o.StopPrice),
        ["workingType"] = Wire.Name(o.WorkingType),
        ["priceProtect"] = false,
        ["origType"] = Wire.Name(o.OrigType),
        ["priceMatch"] = "NONE",
        ["selfTradePreventionMode"] = "EXPIRE_MAKER",
        ["goodTillDate"] = 0,
        ["time"] = o.Time,
        ["updateTime"] = o.UpdateTime,
    };

    public static JsonObject FuturesTrade(TradeSnapshot t) => new()
    {
        ["buyer"] = t.Side == OrderSide.Buy,
        ["commission"] = Wire.Dec(Math.Round(t.Commission, 8)),
        ["commissionAsset"] = t.CommissionAsset,
        ["id"] = t.Id,
        ["maker"] = t.IsMaker,
        ["orderId"] = t.OrderId,
        ["price"] = Wire.Dec(t.Price),
        ["qty"] = Wire.Dec(t.Qty),
        ["quoteQty"] = Wire.Dec(t.QuoteQty),
        ["realizedPnl"] = Wire.Dec(Math.Round(t.RealizedPnl, 8)),
        ["side"] = Wire.Name(t.Side),
        ["positionSide"] = "BOTH",
        ["symbol"] = t.Symbol,
        ["time"] = t.Time,
    };

    public static JsonObject Algo(AlgoOrderSnapshot a) => new()
    {
        ["algoId"] = a.AlgoId,
        ["clientAlgoId"] = a.ClientAlgoId,
        ["algoType"] = "CONDITIONAL",
        ["orderType"] = Wire.Name(a.OrderType),
        ["symbol"] = a.Symbol,
        ["side"] = Wire.Name(a.Side),
        ["positionSide"] = "BOTH",
        ["timeInForce"] = Wire.Name(a.TimeInForce),
        ["quantity"] = Wire.Dec(a.Quantity),
        ["algoStatus"] = Wire.Name(a.Status),
        ["actualOrderId"] = a.ActualOrderId == 0 ? string.Empty : a.ActualOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["actualPrice"] = Wire.Dec(Math.Round(a.ActualPrice, 8)),
        ["triggerPrice"] = Wire.Dec(a.TriggerPrice),
        ["price"] = Wire.Dec(a.Price),
        ["icebergQuantity"] = null,
        ["tpTriggerPrice"] = "0.000",
        ["tpPrice"] = "0.000",
        ["slTriggerPrice"] = "0.000",
        ["slPrice"] = "0.000",
        ["tpOrderType"] = string.Empty,
        ["selfTradePreventionMode"] = "EXPIRE_MAKER",
        ["workingType"] = Wire.Name(a.WorkingType),
        ["priceMatch"] = "NONE",
        ["closePosition"] = a.ClosePosition,
        ["priceProtect"] = a.PriceProtect,
        ["reduceOnly"] = a.ReduceOnly,
        ["activatePrice"] = Wire.Dec(a.ActivatePrice),
        ["callbackRate"] = Wire.Dec(a.CallbackRate),
        ["createTime"] = a.CreateTime,
        ["updateTime"] = a.UpdateTime,
        ["triggerTime"] = a.TriggerTime,
        ["goodTillDate"] = 0,
    };

    public static JsonObject PositionV2(PositionSnapshot p) => new()
    {
        ["symbol"] = p.Symbol,
        ["positionAmt"] = Wire.Dec(p.PositionAmt),
        ["entryPrice"] = Wire.Dec(Math.Round(p.EntryPrice, 8)),
        ["breakEvenPrice"] = Wire.Dec(p.BreakEvenPrice),
        ["markPrice"] = Wire.Dec(Math.Round(p.MarkPrice, 8)),
        ["unRealizedProfit"] = Wire.Dec(Math.Round(p.UnrealizedProfit, 8)),
        ["liquidationPrice"] = Wire.Dec(p.LiquidationPrice),
        ["leverage"] = p.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["maxNotionalValue"] = Wire.Dec(p.MaxNotionalValue),
        ["marginType"] = p.MarginType == MarginType.Isolated ? "isolated" : "cross",
        ["isolatedMargin"] = Wire.Dec(Math.Round(p.IsolatedMargin + p.UnrealizedProfit, 8)),
        ["isAutoAddMargin"] = "false",
        ["positionSide"] = "BOTH",
        ["notional"] = Wire.Dec(Math.Round(p.Notional, 8)),
        ["isolatedWallet"] = Wire.Dec(Math.Round(p.IsolatedWallet, 8)),
        ["updateTime"] = p.UpdateTime,
    };

    public static JsonObject PositionV3(PositionSnapshot p) => new()
    {
        ["symbol"] = p.Symbol,
        ["positionSide"] = "BOTH",
        ["positionAmt"] = Wire.Dec(p.PositionAmt),
        ["entryPrice"] = Wire.Dec(Math.Round(p.EntryPrice, 8)),
        ["breakEvenPrice"] = Wire.Dec(p.BreakEvenPrice),
        ["markPrice"] = Wire.Dec(Math.Round(p.MarkPrice, 8)),
        ["unRealizedProfit"] = Wire.Dec(Math.Round(p.UnrealizedProfit, 8)),
        ["liquidationPrice"] = Wire.Dec(p.LiquidationPrice),
        ["isolatedMargin"] = Wire.Dec(Math.Round(p.IsolatedMargin + p.UnrealizedProfit, 8)),
        ["notional"] = Wire.Dec(Math.Round(p.Notional, 8)),
        ["marginAsset"] = "USDT",
        ["isolatedWallet"] = Wire.Dec(Math.Round(p.IsolatedWallet, 8)),
        ["initialMargin"] = Wire.Dec(Math.Round(p.InitialMargin, 8)),
        ["maintMargin"] = Wire.Dec(Math.Round(p.MaintMargin, 8)),
        ["positionInitialMargin"] = Wire.Dec(Math.Round(p.InitialMargin, 8)),
        ["openOrderInitialMargin"] = "0",
        ["adl"] = 0,
        ["bidNotional"] = "0",
        ["askNotional"] = "0",
        ["updateTime"] = p.UpdateTime,
    };
}
