using System.Text.Json;
using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Futures.WebSocket;

/// <summary>Futures user-data events to domain events.</summary>
internal static class FuturesUserDataParsing
{
    public const string ListenKeyExpired = "listenKeyExpired";

    /// <summary>The event type of a raw message (<c>e</c>), or null.</summary>
    public static string? EventType(JsonElement evt) =>
        evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("e", out var e) ? e.GetString() : null;

    /// <summary>Parses one event; null for events the domain does not use.</summary>
    public static UserDataEvent? Parse(JsonElement evt) => EventType(evt) switch
    {
        "ORDER_TRADE_UPDATE" => ToOrderUpdated(BinanceJson.Deserialize<OrderTradeUpdateWire>(evt)),
        "ACCOUNT_UPDATE" => ToAccountUpdated(BinanceJson.Deserialize<AccountUpdateWire>(evt)),
        "ALGO_UPDATE" => ToAlgoOrderUpdated(BinanceJson.Deserialize<AlgoUpdateWire>(evt)),
        _ => null,
    };

    public static OrderUpdated ToOrderUpdated(OrderTradeUpdateWire w)
    {
        var o = w.Order;
        var executionType = BinanceWireEnums.ParseExecutionType(o.ExecutionType);
        var order = new OrderSnapshot
        {
            Market = Market.Futures,
            Symbol = new Symbol(o.Symbol),
            OrderId = o.OrderId,
            ClientOrderId = ClientOrderId.FromExchange(o.ClientOrderId),
            Side = BinanceWireEnums.ParseSide(o.Side),
            Type = BinanceWireEnums.ParseOrderType(o.OrderType),
            TimeInForce = BinanceWireEnums.ParseTimeInForce(o.TimeInForce),
            Status = BinanceWireEnums.ParseStatus(o.Status),
            Price = o.Price,
            StopPrice = o.StopPrice,
            OriginalQuantity = o.Quantity,
            ExecutedQuantity = o.CumulativeQuantity,
            CumulativeQuoteQuantity = o.AveragePrice * o.CumulativeQuantity,
            AveragePrice = o.AveragePrice,
            ReduceOnly = o.ReduceOnly,
            ClosePosition = o.ClosePosition,
            PositionSide = BinanceWireEnums.ParsePositionSide(o.PositionSide),
            WorkingType = o.WorkingType is null ? null : BinanceWireEnums.ParseWorkingType(o.WorkingType),
            UpdatedAt = BinanceJson.Time(w.TransactionTime > 0 ? w.TransactionTime : o.TradeTime),
        };
        Fill? fill = executionType == ExecutionType.Trade && o.LastQuantity > 0m
            ? new Fill
            {
                Market = Market.Futures,
                Symbol = order.Symbol,
                TradeId = o.TradeId,
                OrderId = o.OrderId,
                Side = order.Side,
                Price = o.LastPrice,
                Quantity = o.LastQuantity,
                QuoteQuantity = o.LastPrice * o.LastQuantity,
                Commission = o.Commission,
                CommissionAsset = o.CommissionAsset ?? string.Empty,
                IsMaker = o.IsMaker,
                RealizedPnl = o.RealizedProfit,
                Time = BinanceJson.Time(o.TradeTime),
            }
            : null;
        return new OrderUpdated
        {
            Market = Market.Futures,
            EventTime = BinanceJson.Time(w.EventTime),
            Order = order,
            ExecutionType = executionType,
            LastFill = fill,
            Reason = ExpiryReasonName(o.ExpiryReason),
        };
    }

    public static AccountUpdated ToAccountUpdated(AccountUpdateWire w)
    {
        var time = BinanceJson.Time(w.TransactionTime > 0 ? w.TransactionTime : w.EventTime);
        return new AccountUpdated
        {
            Market = Market.Futures,
            EventTime = BinanceJson.Time(w.EventTime),
            Reason = w.Data.Reason,

            // The event carries wallet balances only; the available balance is not in it.
            Balances = [.. w.Data.Balances.Select(b => new Balance(b.Asset, b.WalletBalance, b.CrossWalletBalance))],
            Positions = [.. w.Data.Positions.Select(p => new Position
            {
                Symbol = new Symbol(p.Symbol),
                Side = BinanceWireEnums.ParsePositionSide(p.PositionSide),
                Quantity = p.PositionAmount,
                EntryPrice = p.EntryPrice,
                BreakEvenPrice = p.BreakEvenPrice,
                UnrealizedPnl = p.UnrealizedPnl,
                MarginType = BinanceWireEnums.ParseMarginType(p.MarginType),
                IsolatedWallet = p.IsolatedWallet,
                UpdatedAt = time,
            })],
        };
    }

    public static AlgoOrderUpdated ToAlgoOrderUpdated(AlgoUpdateWire w)
    {
        var o = w.Order;
        return new AlgoOrderUpdated
        {
            Market = Market.Futures,
            EventTime = BinanceJson.Time(w.EventTime),
            Order = new AlgoOrderSnapshot
            {
                Symbol = new Symbol(o.Symbol),
                AlgoId = o.AlgoId,
                ClientAlgoId = ClientOrderId.FromExchange(o.ClientAlgoId),
                Side = BinanceWireEnums.ParseSide(o.Side),
                Type = BinanceWireEnums.ParseConditionalType(o.OrderType),
                Status = BinanceWireEnums.ParseAlgoStatus(o.Status),
                Quantity = o.Quantity,
                TriggerPrice = o.TriggerPrice,
                Price = o.Price,
                WorkingType = BinanceWireEnums.ParseWorkingType(o.WorkingType),
                ClosePosition = o.ClosePosition,
                ReduceOnly = o.ReduceOnly,
                PositionSide = BinanceWireEnums.ParsePositionSide(o.PositionSide),
                TriggeredOrderId = o.ActualOrderId > 0 ? o.ActualOrderId : null,
                UpdatedAt = BinanceJson.Time(w.TransactionTime > 0 ? w.TransactionTime : w.EventTime),
            },
        };
    }

    /// <summary>The documented meanings of <c>er</c>; null for 0 (none).</summary>
    private static string? ExpiryReasonName(long code) => code switch
    {
        0 => null,
        1 => "SELF_TRADE_PREVENTION",
        2 => "IOC_REMAINDER",
        3 => "IOC_AND_SELF_TRADE_PREVENTION",
        4 => "REDUCE_ONLY_KNOCKED_OUT",
        5 => "LIQUIDATION",
        6 => "GTE_CONDITION_NOT_MET",
        _ => $"EXPIRY_REASON_{code}",
    };
}
