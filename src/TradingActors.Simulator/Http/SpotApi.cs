using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>The spot REST routes under /api/v3.</summary>
internal static class SpotApi
{
    private const MarketKind Spot = MarketKind.Spot;

    public static void Register(RouteTable table, SimulatorContext sim)
    {
        var engine = sim.Engine;
        table.Add("GET", "/api/v3/ping", Security.None, Spot, 1, _ => new JsonObject());
        table.Add("GET", "/api/v3/time", Security.None, Spot, 1, _ => new JsonObject { ["serverTime"] = sim.NowMs });
        table.Add("GET", "/api/v3/exchangeInfo", Security.None, Spot, 20, r => ExchangeInfo(sim, r));
        table.Add("GET", "/api/v3/ticker/price", Security.None, Spot, 2, r => Tickers(sim, r, p => new JsonObject { ["symbol"] = p.Symbol, ["price"] = Wire.Dec8(p.Last) }));
        table.Add("GET", "/api/v3/ticker/bookTicker", Security.None, Spot, 2, r => Tickers(sim, r, BookTicker));
        table.Add("GET", "/api/v3/avgPrice", Security.None, Spot, 2, r => new JsonObject { ["mins"] = 5, ["price"] = Wire.Dec8(engine.Price(Spot, r.Symbol(engine)).Last), ["closeTime"] = sim.NowMs });
        table.Add("GET", "/api/v3/depth", Security.None, Spot, 5, r => Depth(sim, Spot, r));
        table.Add("GET", "/api/v3/klines", Security.None, Spot, 2, r => Klines(sim, Spot, r, 1000));
        table.Add("POST", "/api/v3/order", Security.Signed, Spot, 1, r => NewOrder(sim, r), LedgerAction.New);
        table.Add("POST", "/api/v3/order/test", Security.Signed, Spot, 1, r =>
        {
            ParseOrder(sim, r);
            return new JsonObject();
        });
        table.Add("GET", "/api/v3/order", Security.Signed, Spot, 4, r =>
            WireJson.SpotOrder(engine.QueryOrder(Spot, r.Symbol(engine), r.OptionalLong("orderId"), OrderRef(r, "origClientOrderId"))));
        table.Add("DELETE", "/api/v3/order", Security.Signed, Spot, 1, r =>
        {
            var symbol = r.Symbol(engine);
            var canceled = engine.CancelSpotOrder(symbol, r.OptionalLong("orderId"), OrderRef(r, "origClientOrderId"));
            return WireJson.SpotCancel(canceled, r.Optional("newClientOrderId") ?? "cancel" + canceled.OrderId, sim.NowMs);
        }, LedgerAction.Cancel);
        table.Add("GET", "/api/v3/openOrders", Security.Signed, Spot, 6, r =>
            new JsonArray(engine.OpenOrders(Spot, r.OptionalSymbol(engine)).Select(o => (JsonNode)WireJson.SpotOrder(o)).ToArray()));
        table.Add("DELETE", "/api/v3/openOrders", Security.Signed, Spot, 1, r =>
        {
            var canceled = engine.CancelAllSpotOrders(r.Symbol(engine));
            return new JsonArray(canceled.Select(o => (JsonNode)WireJson.SpotCancel(o, "cancelall" + o.OrderId, sim.NowMs)).ToArray());
        }, LedgerAction.Cancel);
        table.Add("GET", "/api/v3/allOrders", Security.Signed, Spot, 20, r =>
            new JsonArray(engine.AllOrders(Spot, r.Symbol(engine), HistoryParams.Read(r, "orderId")).Select(o => (JsonNode)WireJson.SpotOrder(o)).ToArray()));
        table.Add("GET", "/api/v3/myTrades", Security.Signed, Spot, 20, r =>
            new JsonArray(engine.Trades(Spot, r.Symbol(engine), HistoryParams.Read(r, orderFilter: true)).Select(t => (JsonNode)WireJson.SpotTrade(t)).ToArray()));
        table.Add("GET", "/api/v3/trades", Security.None, Spot, 25, r =>
            HistoryParams.Trades(Spot, engine.PublicTrades(Spot, r.Symbol(engine), HistoryQuery.Latest(r.OptionalInt("limit", 1, 1000) ?? 500))));
        table.Add("GET", "/api/v3/historicalTrades", Security.None, Spot, 25, r =>
            HistoryParams.Trades(Spot, engine.PublicTrades(Spot, r.Symbol(engine), HistoryParams.Read(r))));
        table.Add("GET", "/api/v3/aggTrades", Security.None, Spot, 4, r =>
            HistoryParams.AggTrades(Spot, engine.PublicTrades(Spot, r.Symbol(engine), HistoryParams.Read(r))));
        table.Add("GET", "/api/v3/account", Security.Signed, Spot, 20, r => Account(sim, r));
        table.Add("POST", "/api/v3/orderList/oco", Security.Signed, Spot, 1, r => NewOco(sim, r, legacy: false), LedgerAction.New);
        table.Add("POST", "/api/v3/order/oco", Security.Signed, Spot, 1, r => NewOco(sim, r, legacy: true), LedgerAction.New);
        table.Add("DELETE", "/api/v3/orderList", Security.Signed, Spot, 1, r =>
            WireJson.OrderList(engine.CancelOrderList(r.Symbol(engine), r.OptionalLong("orderListId"), ListRef(r)), withReports: true), LedgerAction.Cancel);
        table.Add("GET", "/api/v3/orderList", Security.Signed, Spot, 4, r =>
            WireJson.OrderList(engine.QueryOrderList(r.OptionalLong("orderListId"), QueryListRef(r)), withReports: false));
        table.Add("GET", "/api/v3/allOrderList", Security.Signed, Spot, 20, _ =>
            new JsonArray(engine.OrderLists(openOnly: false).Select(l => (JsonNode)WireJson.OrderList(l, withReports: false)).ToArray()));
        table.Add("GET", "/api/v3/openOrderList", Security.Signed, Spot, 6, _ =>
            new JsonArray(engine.OrderLists(openOnly: true).Select(l => (JsonNode)WireJson.OrderList(l, withReports: false)).ToArray()));
        table.Add("POST", "/api/v3/userDataStream", Security.ApiKey, Spot, 2, _ => new JsonObject { ["listenKey"] = sim.ListenKeys.Create(Spot) });
        table.Add("PUT", "/api/v3/userDataStream", Security.ApiKey, Spot, 2, r =>
        {
            sim.ListenKeys.Keepalive(Spot, r.Required("listenKey"));
            return new JsonObject();
        });
        table.Add("DELETE", "/api/v3/userDataStream", Security.ApiKey, Spot, 2, r =>
        {
            sim.ListenKeys.Close(Spot, r.Required("listenKey"));
            return new JsonObject();
        });
    }

    internal static JsonObject BookTicker(PriceSnapshot p) => new()
    {
        ["symbol"] = p.Symbol,
        ["bidPrice"] = Wire.Dec8(p.Bid),
        ["bidQty"] = Wire.Dec8(p.BidQty),
        ["askPrice"] = Wire.Dec8(p.Ask),
        ["askQty"] = Wire.Dec8(p.AskQty),
    };

    internal static JsonNode Tickers(SimulatorContext sim, ApiRequest r, Func<PriceSnapshot, JsonObject> format)
    {
        var market = r.Path.StartsWith("/fapi", StringComparison.Ordinal) ? MarketKind.Futures : Spot;
        var symbol = r.OptionalSymbol(sim.Engine);
        if (symbol is not null)
        {
            return format(sim.Engine.Price(market, symbol));
        }

        return new JsonArray(sim.Engine.Symbols.Select(s => (JsonNode)format(sim.Engine.Price(market, s))).ToArray());
    }

    internal static JsonObject Depth(SimulatorContext sim, MarketKind market, ApiRequest r)
    {
        var symbol = r.Symbol(sim.Engine);
        var limit = r.OptionalInt("limit", 1, 5000) ?? 100;
        var depth = sim.Engine.Depth(market, symbol, limit);
        var format = market == Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        var json = new JsonObject { ["lastUpdateId"] = depth.LastUpdateId };
        if (market == MarketKind.Futures)
        {
            json["E"] = depth.Time;
            json["T"] = depth.Time;
        }

        json["bids"] = new JsonArray(depth.Bids.Select(l => (JsonNode)new JsonArray(format(l.Price), format(l.Qty))).ToArray());
        json["asks"] = new JsonArray(depth.Asks.Select(l => (JsonNode)new JsonArray(format(l.Price), format(l.Qty))).ToArray());
        return json;
    }

    private static readonly Dictionary<string, long> KlineIntervals = new(StringComparer.Ordinal)
    {
        ["1m"] = 60_000, ["3m"] = 180_000, ["5m"] = 300_000, ["15m"] = 900_000, ["30m"] = 1_800_000, ["1h"] = 3_600_000,
        ["2h"] = 7_200_000, ["4h"] = 14_400_000, ["6h"] = 21_600_000, ["8h"] = 28_800_000, ["12h"] = 43_200_000, ["1d"] = 86_400_000,
    };

    /// <summary>Klines as Binance's arrays: open time, o, h, l, c, volume, close time, quote volume, trades, taker volumes, ignore.</summary>
    internal static JsonArray Klines(SimulatorContext sim, MarketKind market, ApiRequest r, int maxLimit)
    {
        var symbol = r.Symbol(sim.Engine);
        var interval = r.Required("interval");
        if (!KlineIntervals.TryGetValue(interval, out var intervalMs))
        {
            throw new ExchangeErrorException(-1120, "Invalid interval.");
        }

        var limit = r.OptionalInt("limit", 1, maxLimit) ?? 500;
        var klines = sim.Engine.Klines(market, symbol, intervalMs, r.OptionalLong("startTime"), r.OptionalLong("endTime"), limit);
        var format = market == Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        string Price(decimal value) => format(ExchangeEngine.RoundToTick(value, sim.Engine.Rules(market, symbol).TickSize));
        return new JsonArray(klines.Select(k => (JsonNode)new JsonArray(
            k.OpenTime,
            Price(k.Open),
            Price(k.High),
            Price(k.Low),
            Price(k.Close),
            format(Math.Round(k.Volume, 8)),
            k.CloseTime,
            format(Math.Round(k.QuoteVolume, 8)),
            k.Trades,
            format(Math.Round(k.Volume / 2, 8)),
            format(Math.Round(k.QuoteVolume / 2, 8)),
            "0")).ToArray());
    }

    private static string? OrderRef(ApiRequest r, string clientIdName)
    {
        var clientId = r.Optional(clientIdName);
        if (r.OptionalLong("orderId") is null && clientId is null)
        {
            throw Errors.Mandatory("orderId");
        }

        return clientId;
    }

    /// <summary>Binance queries a list by <c>origClientOrderId</c> (cancels use <c>listClientOrderId</c>); both are accepted.</summary>
    private static string? QueryListRef(ApiRequest r)
    {
        var clientId = r.Optional("origClientOrderId") ?? r.Optional("listClientOrderId");
        if (r.OptionalLong("orderListId") is null && clientId is null)
        {
            throw Errors.Mandatory("orderListId");
        }

        return clientId;
    }

    private static string? ListRef(ApiRequest r)
    {
        var clientId = r.Optional("listClientOrderId");
        if (r.OptionalLong("orderListId") is null && clientId is null)
        {
            throw Errors.Mandatory("orderListId");
        }

        return clientId;
    }

    private static SpotOrderRequest ParseOrder(SimulatorContext sim, ApiRequest r)
    {
        var symbol = r.Symbol(sim.Engine);
        var side = r.Side();
        var type = r.Type();
        if (r.Optional("trailingDelta") is not null)
        {
            throw Errors.NewOrderRejected("Trailing stop orders are not supported for this symbol.");
        }

        if (r.Optional("icebergQty") is not null)
        {
            throw Errors.NewOrderRejected("Iceberg orders are not supported for this symbol.");
        }

        return new SpotOrderRequest(symbol, side, type)
        {
            TimeInForce = r.Tif(),
            Quantity = r.OptionalDecimal("quantity"),
            QuoteOrderQty = r.OptionalDecimal("quoteOrderQty"),
            Price = r.OptionalDecimal("price"),
            StopPrice = r.OptionalDecimal("stopPrice"),
            NewClientOrderId = r.Optional("newClientOrderId"),
        };
    }

    private static JsonNode NewOrder(SimulatorContext sim, ApiRequest r)
    {
        var request = ParseOrder(sim, r);
        var respType = r.Optional("newOrderRespType") ?? (request.Type is OrderType.Market or OrderType.Limit ? "FULL" : "ACK");
        if (respType is not ("ACK" or "RESULT" or "FULL"))
        {
            throw Errors.IllegalCharacters("newOrderRespType", "ACK, RESULT, FULL");
        }

        var result = sim.Engine.PlaceSpotOrder(request);
        return WireJson.SpotNewOrder(result, respType, sim.NowMs);
    }

    private static JsonNode NewOco(SimulatorContext sim, ApiRequest r, bool legacy)
    {
        var symbol = r.Symbol(sim.Engine);
        var side = r.Side();
        var quantity = r.RequiredDecimal("quantity");
        OcoLeg above;
        OcoLeg below;
        if (legacy)
        {
            // Legacy form: a LIMIT_MAKER leg at `price` and a stop leg at `stopPrice` (limit if `stopLimitPrice` is given).
            var limitLeg = new OcoLeg(OrderType.LimitMaker) { Price = r.RequiredDecimal("price"), ClientOrderId = r.Optional("limitClientOrderId") };
            var stopLimit = r.OptionalDecimal("stopLimitPrice");
            var stopLeg = new OcoLeg(stopLimit is null ? OrderType.StopLoss : OrderType.StopLossLimit)
            {
                StopPrice = r.RequiredDecimal("stopPrice"),
                Price = stopLimit,
                TimeInForce = stopLimit is null ? null : r.OptionalEnum<TimeInForce>("stopLimitTimeInForce", Errors.InvalidTimeInForce) ?? throw Errors.Mandatory("stopLimitTimeInForce"),
                ClientOrderId = r.Optional("stopClientOrderId"),
            };
            (above, below) = side == OrderSide.Sell ? (limitLeg, stopLeg) : (stopLeg, limitLeg);
        }
        else
        {
            above = Leg(r, "above");
            below = Leg(r, "below");
        }

        var list = sim.Engine.PlaceSpotOco(new SpotOcoRequest(symbol, side, quantity, above, below) { ListClientOrderId = r.Optional("listClientOrderId") });
        return WireJson.OrderList(list, withReports: true);
    }

    private static OcoLeg Leg(ApiRequest r, string prefix) =>
        new(r.RequiredEnum<OrderType>(prefix + "Type", Errors.InvalidOrderType))
        {
            Price = r.OptionalDecimal(prefix + "Price"),
            StopPrice = r.OptionalDecimal(prefix + "StopPrice"),
            TimeInForce = r.OptionalEnum<TimeInForce>(prefix + "TimeInForce", Errors.InvalidTimeInForce),
            ClientOrderId = r.Optional(prefix + "ClientOrderId"),
        };

    private static JsonObject Account(SimulatorContext sim, ApiRequest r)
    {
        var lag = sim.Faults.Peek(Faults.FaultKinds.PositionLagMs, r.Method, r.Path, null, Spot);
        return Account(sim, lag is null ? null : sim.NowMs - lag.LagMs);
    }

    /// <summary>The spot account in REST's and the WebSocket API's <c>account.status</c> shape.</summary>
    internal static JsonObject Account(SimulatorContext sim, long? asOfMs)
    {
        var balances = sim.Engine.SpotBalances(asOfMs);
        var fees = sim.Engine.Options;
        return new JsonObject
        {
            ["makerCommission"] = (int)(fees.SpotMakerFee * 10_000),
            ["takerCommission"] = (int)(fees.SpotTakerFee * 10_000),
            ["buyerCommission"] = 0,
            ["sellerCommission"] = 0,
            ["commissionRates"] = new JsonObject
            {
                ["maker"] = Wire.Dec8(fees.SpotMakerFee),
                ["taker"] = Wire.Dec8(fees.SpotTakerFee),
                ["buyer"] = Wire.Dec8(0),
                ["seller"] = Wire.Dec8(0),
            },
            ["canTrade"] = true,
            ["canWithdraw"] = true,
            ["canDeposit"] = true,
            ["brokered"] = false,
            ["requireSelfTradePrevention"] = false,
            ["preventSor"] = false,
            ["updateTime"] = sim.NowMs,
            ["accountType"] = "SPOT",
            ["balances"] = new JsonArray(balances.Select(b => (JsonNode)new JsonObject
            {
                ["asset"] = b.Asset,
                ["free"] = Wire.Dec8(b.Free),
                ["locked"] = Wire.Dec8(b.Locked),
            }).ToArray()),
            ["permissions"] = new JsonArray("SPOT"),
            ["uid"] = 1,
        };
    }

    private static JsonObject ExchangeInfo(SimulatorContext sim, ApiRequest r)
    {
        var engine = sim.Engine;
        IEnumerable<string> symbols = engine.Symbols;
        if (r.Optional("symbol") is { } one)
        {
            symbols = [engine.HasSymbol(one) ? one : throw Errors.InvalidSymbol()];
        }
        else if (r.Optional("symbols") is { } many)
        {
            var list = JsonListParameter(many, "symbols");
            symbols = list.All(engine.HasSymbol) ? list : throw Errors.InvalidSymbol();
        }

        return new JsonObject
        {
            ["timezone"] = "UTC",
            ["serverTime"] = sim.NowMs,
            ["rateLimits"] = new JsonArray(
                RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000),
                RateLimit("ORDERS", "SECOND", 10, 50),
                RateLimit("ORDERS", "DAY", 1, 160000),
                RateLimit("RAW_REQUESTS", "MINUTE", 5, 61000)),
            ["exchangeFilters"] = new JsonArray(),
            ["symbols"] = new JsonArray(symbols.Select(s => (JsonNode)SpotSymbol(engine, s)).ToArray()),
        };
    }

    internal static List<string> JsonListParameter(string text, string name)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<string>>(text) ?? throw Errors.IllegalCharacters(name);
        }
        catch (System.Text.Json.JsonException)
        {
            throw Errors.IllegalCharacters(name);
        }
    }

    internal static JsonObject RateLimit(string type, string interval, int intervalNum, int limit) => new()
    {
        ["rateLimitType"] = type,
        ["interval"] = interval,
        ["intervalNum"] = intervalNum,
        ["limit"] = limit,
    };

    private static JsonObject SpotSymbol(ExchangeEngine engine, string symbol)
    {
        var rules = engine.Rules(Spot, symbol);
        var types = new List<string> { "LIMIT", "LIMIT_MAKER", "MARKET" };
        if (engine.StopsAllowed(symbol))
        {
            types.AddRange(["STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"]);
        }

        return new JsonObject
        {
            ["symbol"] = symbol,
            ["status"] = "TRADING",
            ["baseAsset"] = rules.BaseAsset,
            ["baseAssetPrecision"] = 8,
            ["quoteAsset"] = rules.QuoteAsset,
            ["quotePrecision"] = 8,
            ["quoteAssetPrecision"] = 8,
            ["baseCommissionPrecision"] = 8,
            ["quoteCommissionPrecision"] = 8,
            ["orderTypes"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray()),
            ["icebergAllowed"] = false,
            ["ocoAllowed"] = engine.OcoAllowed(symbol),
            ["otoAllowed"] = false,
            ["quoteOrderQtyMarketAllowed"] = true,
            ["allowTrailingStop"] = false,
            ["cancelReplaceAllowed"] = false,
            ["amendAllowed"] = false,
            ["isSpotTradingAllowed"] = true,
            ["isMarginTradingAllowed"] = false,
            ["filters"] = new JsonArray(
                new JsonObject { ["filterType"] = "PRICE_FILTER", ["minPrice"] = Wire.Dec8(rules.MinPrice), ["maxPrice"] = Wire.Dec8(rules.MaxPrice), ["tickSize"] = Wire.Dec8(rules.TickSize) },
                new JsonObject { ["filterType"] = "LOT_SIZE", ["minQty"] = Wire.Dec8(rules.MinQty), ["maxQty"] = Wire.Dec8(rules.MaxQty), ["stepSize"] = Wire.Dec8(rules.StepSize) },
                new JsonObject { ["filterType"] = "MARKET_LOT_SIZE", ["minQty"] = Wire.Dec8(rules.MinQty), ["maxQty"] = Wire.Dec8(rules.MaxQty), ["stepSize"] = Wire.Dec8(rules.StepSize) },
                new JsonObject
                {
                    ["filterType"] = "NOTIONAL",
                    ["minNotional"] = Wire.Dec8(rules.MinNotional),
                    ["applyMinToMarket"] = true,
                    ["maxNotional"] = Wire.Dec8(9_000_000m),
                    ["applyMaxToMarket"] = false,
                    ["avgPriceMins"] = 5,
                }),
            ["permissions"] = new JsonArray(),
            ["permissionSets"] = new JsonArray(new JsonArray("SPOT")),
            ["defaultSelfTradePreventionMode"] = "EXPIRE_MAKER",
            ["allowedSelfTradePreventionModes"] = new JsonArray("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"),
        };
    }
}
