using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Streams;

/// <summary>Market-stream and user-data payloads in Binance's WebSocket shapes.</summary>
internal static class StreamJson
{
    public static JsonObject BookTicker(PriceSnapshot p) => p.Market == MarketKind.Spot
        ? new JsonObject { ["u"] = p.UpdateId, ["s"] = p.Symbol, ["b"] = Wire.Dec8(p.Bid), ["B"] = Wire.Dec8(p.BidQty), ["a"] = Wire.Dec8(p.Ask), ["A"] = Wire.Dec8(p.AskQty) }
        : new JsonObject { ["e"] = "bookTicker", ["u"] = p.UpdateId, ["E"] = p.Time, ["T"] = p.Time, ["s"] = p.Symbol, ["b"] = Wire.Dec(p.Bid), ["B"] = Wire.Dec(p.BidQty), ["a"] = Wire.Dec(p.Ask), ["A"] = Wire.Dec(p.AskQty) };

    /// <summary>A partial-book stream (<c>depth5|10|20</c>): the top of the book as it stands.</summary>
    public static JsonObject PartialDepth(PriceSnapshot p, IReadOnlyList<(decimal Price, decimal Qty)> bids, IReadOnlyList<(decimal Price, decimal Qty)> asks)
    {
        return p.Market == MarketKind.Spot
            ? new JsonObject { ["lastUpdateId"] = p.UpdateId, ["bids"] = Levels(p.Market, bids), ["asks"] = Levels(p.Market, asks) }
            : DiffDepth(p, bids, asks);
    }

    /// <summary>A diff-depth event (<c>depth</c>, <c>depth@100ms</c>): one update of the book, in the sequence REST depth reports.</summary>
    public static JsonObject DiffDepth(PriceSnapshot p, IReadOnlyList<(decimal Price, decimal Qty)> bids, IReadOnlyList<(decimal Price, decimal Qty)> asks)
    {
        var json = new JsonObject { ["e"] = "depthUpdate", ["E"] = p.Time };
        if (p.Market == MarketKind.Futures)
        {
            json["T"] = p.Time;
        }

        json["s"] = p.Symbol;
        json["U"] = p.UpdateId;
        json["u"] = p.UpdateId;
        if (p.Market == MarketKind.Futures)
        {
            json["pu"] = p.UpdateId - 1;
        }

        json["b"] = Levels(p.Market, bids);
        json["a"] = Levels(p.Market, asks);
        return json;
    }

    private static JsonArray Levels(MarketKind market, IReadOnlyList<(decimal Price, decimal Qty)> levels)
    {
        var format = market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        return new(levels.Select(l => (JsonNode)new JsonArray(format(l.Price), format(l.Qty))).ToArray());
    }

    public static JsonObject MarkPrice(PriceSnapshot p, decimal fundingRate, long nextFundingTime)
    {
        return new JsonObject
        {
            ["e"] = "markPriceUpdate",
            ["E"] = p.Time,
            ["s"] = p.Symbol,
            ["p"] = Wire.Dec(Math.Round(p.Mark, 8)),
            ["i"] = Wire.Dec(Math.Round(p.Index, 8)),
            ["P"] = Wire.Dec(Math.Round(p.Mark, 8)),
            ["r"] = fundingRate.ToString("F8", System.Globalization.CultureInfo.InvariantCulture),
            ["T"] = nextFundingTime,
        };
    }

    /// <summary><c>&lt;s&gt;@ticker</c>: the rolling 24 h statistics (<c>e: 24hrTicker</c>); spot adds the best bid and ask.</summary>
    public static JsonObject Ticker(PriceSnapshot p, TickerStats t)
    {
        var format = p.Market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        var json = new JsonObject
        {
            ["e"] = "24hrTicker",
            ["E"] = p.Time,
            ["s"] = p.Symbol,
            ["p"] = format(t.PriceChange),
            ["P"] = t.PriceChangePercent.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
            ["w"] = format(Math.Round(t.WeightedAvgPrice, 8)),
        };
        if (p.Market == MarketKind.Spot)
        {
            json["x"] = format(t.Open);
        }

        json["c"] = format(t.Last);
        json["Q"] = format(t.LastQty);
        if (p.Market == MarketKind.Spot)
        {
            json["b"] = format(p.Bid);
            json["B"] = format(p.BidQty);
            json["a"] = format(p.Ask);
            json["A"] = format(p.AskQty);
        }

        json["o"] = format(t.Open);
        json["h"] = format(t.High);
        json["l"] = format(t.Low);
        json["v"] = format(Math.Round(t.Volume, 8));
        json["q"] = format(Math.Round(t.QuoteVolume, 8));
        json["O"] = t.OpenTime;
        json["C"] = t.CloseTime;
        json["F"] = t.FirstId;
        json["L"] = t.LastId;
        json["n"] = t.Count;
        return json;
    }

    /// <summary><c>&lt;s&gt;@miniTicker</c>: <c>e: 24hrMiniTicker</c> with close, open, high, low and volumes.</summary>
    public static JsonObject MiniTicker(PriceSnapshot p, TickerStats t)
    {
        var format = p.Market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        return new JsonObject
        {
            ["e"] = "24hrMiniTicker",
            ["E"] = p.Time,
            ["s"] = p.Symbol,
            ["c"] = format(t.Last),
            ["o"] = format(t.Open),
            ["h"] = format(t.High),
            ["l"] = format(t.Low),
            ["v"] = format(Math.Round(t.Volume, 8)),
            ["q"] = format(Math.Round(t.QuoteVolume, 8)),
        };
    }

    public static JsonObject AggTrade(MarketTraded t)
    {
        var format = t.Market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        var json = new JsonObject
        {
            ["e"] = "aggTrade",
            ["E"] = t.Time,
            ["s"] = t.Symbol,
            ["a"] = t.TradeId,
            ["p"] = format(t.Price),
            ["q"] = format(t.Qty),
            ["f"] = t.TradeId,
            ["l"] = t.TradeId,
            ["T"] = t.Time,
            ["m"] = t.BuyerIsMaker,
        };
        if (t.Market == MarketKind.Spot)
        {
            json["M"] = true;
        }
        else
        {
            json["nq"] = format(t.Qty);
        }

        return json;
    }

    /// <summary><c>&lt;s&gt;@trade</c>: one print with its trade id <c>t</c>.</summary>
    public static JsonObject Trade(MarketTraded t)
    {
        var format = t.Market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        var json = new JsonObject
        {
            ["e"] = "trade",
            ["E"] = t.Time,
            ["T"] = t.Time,
            ["s"] = t.Symbol,
            ["t"] = t.TradeId,
            ["p"] = format(t.Price),
            ["q"] = format(t.Qty),
            ["m"] = t.BuyerIsMaker,
        };
        if (t.Market == MarketKind.Spot)
        {
            json["M"] = true;
        }
        else
        {
            json["X"] = "MARKET";
        }

        return json;
    }

    public static JsonObject Kline(MarketKind market, string symbol, KlineBook.Candle c, long time)
    {
        var format = market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        return new JsonObject
        {
            ["e"] = "kline",
            ["E"] = time,
            ["s"] = symbol,
            ["k"] = new JsonObject
            {
                ["t"] = c.OpenTime,
                ["T"] = c.CloseTime,
                ["s"] = symbol,
                ["i"] = c.Interval,
                ["f"] = c.FirstTradeId,
                ["L"] = c.LastTradeId,
                ["o"] = format(c.Open),
                ["c"] = format(c.Close),
                ["h"] = format(c.High),
                ["l"] = format(c.Low),
                ["v"] = format(c.Volume),
                ["n"] = c.Trades,
                ["x"] = c.Closed,
                ["q"] = format(Math.Round(c.QuoteVolume, 8)),
                ["V"] = format(0),
                ["Q"] = format(0),
                ["B"] = "0",
            },
        };
    }

    public static JsonObject ExecutionReport(OrderUpdated u)
    {
        var o = u.Order;
        var t = u.Trade;
        var json = new JsonObject
        {
            ["e"] = "executionReport",
            ["E"] = u.Time,
            ["s"] = o.Symbol,
            ["c"] = o.ClientOrderId,
            ["S"] = Wire.Name(o.Side),
            ["o"] = Wire.Name(o.Type),
            ["f"] = Wire.Name(o.TimeInForce),
            ["q"] = Wire.Dec8(o.OrigQty),
            ["p"] = Wire.Dec8(o.Price),
            ["P"] = Wire.Dec8(o.StopPrice),
            ["F"] = Wire.Dec8(0),
            ["g"] = o.OrderListId,
            ["C"] = u.Execution == ExecutionType.Canceled ? o.ClientOrderId : string.Empty,
            ["x"] = Wire.Name(u.Execution),
            ["X"] = Wire.Name(o.Status),
            ["r"] = u.RejectReason,
            ["i"] = o.OrderId,
            ["l"] = Wire.Dec8(t?.Qty ?? 0),
            ["z"] = Wire.Dec8(o.ExecutedQty),
            ["L"] = Wire.Dec8(t?.Price ?? 0),
            ["n"] = Wire.Dec8(t?.Commission ?? 0),
            ["N"] = t?.CommissionAsset,
            ["T"] = u.Time,
            ["t"] = t?.Id ?? -1,
            ["I"] = u.Time,
            ["w"] = o.IsOpen && o.IsWorking,
            ["m"] = t?.IsMaker ?? false,
            ["M"] = false,
            ["O"] = o.Time,
            ["Z"] = Wire.Dec8(o.CumQuote),
            ["Y"] = Wire.Dec8(t?.QuoteQty ?? 0),
            ["Q"] = Wire.Dec8(o.OrigQuoteOrderQty),
            ["W"] = o.WorkingTime,
            ["V"] = "EXPIRE_MAKER",
        };
        if (u.Execution == ExecutionType.Expired && u.ExpiryReason.Length > 0)
        {
            json["eR"] = u.ExpiryReason;
        }

        return json;
    }

    public static JsonObject AccountPosition(SpotBalancesChanged b) => new()
    {
        ["e"] = "outboundAccountPosition",
        ["E"] = b.Time,
        ["u"] = b.Time,
        ["B"] = new JsonArray(b.Balances.Select(x => (JsonNode)new JsonObject { ["a"] = x.Asset, ["f"] = Wire.Dec8(x.Free), ["l"] = Wire.Dec8(x.Locked) }).ToArray()),
    };

    public static JsonObject ListStatus(OrderListUpdated u) => new()
    {
        ["e"] = "listStatus",
        ["E"] = u.Time,
        ["s"] = u.List.Symbol,
        ["g"] = u.List.OrderListId,
        ["c"] = "OCO",
        ["l"] = u.List.ListStatusType,
        ["L"] = u.List.ListOrderStatus,
        ["r"] = "NONE",
        ["C"] = u.List.ListClientOrderId,
        ["T"] = u.List.TransactionTime,
        ["O"] = new JsonArray(u.List.Orders.Select(o => (JsonNode)new JsonObject { ["s"] = o.Symbol, ["i"] = o.OrderId, ["c"] = o.ClientOrderId }).ToArray()),
    };

    public static JsonObject OrderTradeUpdate(OrderUpdated u)
    {
        var o = u.Order;
        var t = u.Trade;
        return new JsonObject
        {
            ["e"] = "ORDER_TRADE_UPDATE",
            ["E"] = u.Time,
            ["T"] = u.Time,
            ["o"] = new JsonObject
            {
                ["s"] = o.Symbol,
                ["c"] = o.ClientOrderId,
                ["S"] = Wire.Name(o.Side),
                ["o"] = Wire.Name(o.Type),
                ["f"] = Wire.Name(o.TimeInForce),
                ["q"] = Wire.Dec(o.OrigQty),
                ["p"] = Wire.Dec(o.Price),
                ["ap"] = Wire.Dec(Math.Round(o.AvgPrice, 8)),
                ["sp"] = Wire.Dec(o.StopPrice),
                ["x"] = Wire.Name(u.Execution),
                ["X"] = Wire.Name(o.Status),
                ["i"] = o.OrderId,
                ["l"] = Wire.Dec(t?.Qty ?? 0),
                ["z"] = Wire.Dec(o.ExecutedQty),
                ["L"] = Wire.Dec(t?.Price ?? 0),
                ["N"] = t?.CommissionAsset ?? "USDT",
                ["n"] = Wire.Dec(Math.Round(t?.Commission ?? 0, 8)),
                ["T"] = u.Time,
                ["t"] = t?.Id ?? 0,
                ["b"] = "0",
                ["a"] = "0",
                ["m"] = t?.IsMaker ?? false,
                ["R"] = o.ReduceOnly,
                ["wt"] = Wire.Name(o.WorkingType),
                ["ot"] = Wire.Name(o.OrigType),
                ["ps"] = "BOTH",
                ["cp"] = o.ClosePosition,
                ["rp"] = Wire.Dec(Math.Round(t?.RealizedPnl ?? 0, 8)),
                ["pm"] = "NONE",
                ["gtd"] = 0,
                ["er"] = u.ExpiryReason.Length == 0 ? "0" : u.ExpiryReason,
                ["V"] = "EXPIRE_MAKER",
            },
        };
    }

    public static JsonObject AccountUpdate(FuturesAccountChanged a) => new()
    {
        ["e"] = "ACCOUNT_UPDATE",
        ["E"] = a.Time,
        ["T"] = a.Time,
        ["a"] = new JsonObject
        {
            ["m"] = a.Reason,
            ["B"] = new JsonArray(new JsonObject
            {
                ["a"] = "USDT",
                ["wb"] = Wire.Dec(Math.Round(a.WalletBalance, 8)),
                ["cw"] = Wire.Dec(Math.Round(a.WalletBalance - a.Positions.Sum(p => p.IsolatedMargin), 8)),
                ["bc"] = "0",
            }),
            ["P"] = new JsonArray(a.Positions.Select(p => (JsonNode)new JsonObject
            {
                ["s"] = p.Symbol,
                ["pa"] = Wire.Dec(p.PositionAmt),
                ["ep"] = Wire.Dec(Math.Round(p.EntryPrice, 8)),
                ["bep"] = Wire.Dec(p.BreakEvenPrice),
                ["cr"] = Wire.Dec(Math.Round(p.RealizedProfit, 8)),
                ["up"] = Wire.Dec(Math.Round(p.UnrealizedProfit, 8)),
                ["mt"] = p.MarginType == MarginType.Isolated ? "isolated" : "cross",
                ["iw"] = Wire.Dec(Math.Round(p.IsolatedWallet, 8)),
                ["ps"] = "BOTH",
            }).ToArray()),
        },
    };

    public static JsonObject AlgoUpdate(AlgoOrderUpdated u)
    {
        var a = u.Algo;
        return new JsonObject
        {
            ["e"] = "ALGO_UPDATE",
            ["T"] = u.Time,
            ["E"] = u.Time,
            ["o"] = new JsonObject
            {
                ["caid"] = a.ClientAlgoId,
                ["aid"] = a.AlgoId,
                ["at"] = "CONDITIONAL",
                ["o"] = Wire.Name(a.OrderType),
                ["s"] = a.Symbol,
                ["S"] = Wire.Name(a.Side),
                ["ps"] = "BOTH",
                ["f"] = Wire.Name(a.TimeInForce),
                ["q"] = Wire.Dec(a.Quantity),
                ["X"] = Wire.Name(a.Status),
                ["ai"] = a.ActualOrderId == 0 ? string.Empty : a.ActualOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ap"] = Wire.Dec(Math.Round(a.ActualPrice, 8)),
                ["aq"] = Wire.Dec(a.ActualQty),
                ["act"] = "0",
                ["tp"] = Wire.Dec(a.TriggerPrice),
                ["p"] = Wire.Dec(a.Price),
                ["V"] = "EXPIRE_MAKER",
                ["wt"] = Wire.Name(a.WorkingType),
                ["pm"] = "NONE",
                ["cp"] = a.ClosePosition,
                ["pP"] = a.PriceProtect,
                ["R"] = a.ReduceOnly,
                ["tt"] = a.TriggerTime,
                ["gtd"] = 0,
                ["rm"] = string.Empty,
            },
        };
    }

    public static JsonObject ListenKeyExpired(string key, long time) => new() { ["e"] = "listenKeyExpired", ["E"] = time, ["listenKey"] = key };
}
