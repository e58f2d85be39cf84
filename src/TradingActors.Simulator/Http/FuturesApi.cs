using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;

namespace TradingActors.Simulator.Http;

/// <summary>The USD-M futures REST routes under /fapi.</summary>
internal static class FuturesApi
{
    private const MarketKind Futures = MarketKind.Futures;

    public static void Register(RouteTable table, SimulatorContext sim)
    {
        var engine = sim.Engine;
        table.Add("GET", "/fapi/v1/ping", Security.None, Futures, 1, _ => new JsonObject());
        table.Add("GET", "/fapi/v1/time", Security.None, Futures, 1, _ => new JsonObject { ["serverTime"] = sim.NowMs });
        table.Add("GET", "/fapi/v1/exchangeInfo", Security.None, Futures, 1, _ => ExchangeInfo(sim));
        table.Add("GET", "/fapi/v1/premiumIndex", Security.None, Futures, 1, r =>
        {
            var symbol = r.OptionalSymbol(engine);
            return symbol is not null
                ? PremiumIndex(sim, symbol)
                : new JsonArray(engine.Symbols.Select(s => (JsonNode)PremiumIndex(sim, s)).ToArray());
        });
        table.Add("GET", "/fapi/v1/ticker/price", Security.None, Futures, 1, r =>
            SpotApi.Tickers(sim, r, p => new JsonObject { ["symbol"] = p.Symbol, ["price"] = Wire.Dec(p.Last), ["time"] = p.Time }));
        table.Add("GET", "/fapi/v1/ticker/bookTicker", Security.None, Futures, 2, r => SpotApi.Tickers(sim, r, p => new JsonObject
        {
            ["symbol"] = p.Symbol,
            ["bidPrice"] = Wire.Dec(p.Bid),
            ["bidQty"] = Wire.Dec(p.BidQty),
            ["askPrice"] = Wire.Dec(p.Ask),
            ["askQty"] = Wire.Dec(p.AskQty),
            ["time"] = p.Time,
        }));
        table.Add("GET", "/fapi/v1/depth", Security.None, Futures, 5, r => SpotApi.Depth(sim, Futures, r));
        table.Add("GET", "/fapi/v1/klines", Security.None, Futures, 5, r => SpotApi.Klines(sim, Futures, r, 1500));
        table.Add("POST", "/fapi/v1/order", Security.Signed, Futures, 0, r => NewOrder(sim, r), LedgerAction.New);
        table.Add("GET", "/fapi/v1/order", Security.Signed, Futures, 1, r =>
            WireJson.FuturesOrder(engine.QueryOrder(Futures, r.Symbol(engine), r.OptionalLong("orderId"), OrderRef(r))));
        table.Add("DELETE", "/fapi/v1/order", Security.Signed, Futures, 1, r =>
            WireJson.FuturesOrder(engine.CancelFuturesOrder(r.Symbol(engine), r.OptionalLong("orderId"), OrderRef(r))), LedgerAction.Cancel);
        table.Add("GET", "/fapi/v1/openOrder", Security.Signed, Futures, 1, r =>
        {
            var order = engine.QueryOrder(Futures, r.Symbol(engine), r.OptionalLong("orderId"), OrderRef(r));
            return order.IsOpen ? WireJson.FuturesOrder(order) : throw Errors.OrderDoesNotExist();
        });
        table.Add("GET", "/fapi/v1/openOrders", Security.Signed, Futures, 1, r =>
            new JsonArray(engine.OpenOrders(Futures, r.OptionalSymbol(engine)).Select(o => (JsonNode)WireJson.FuturesOrder(o)).ToArray()));
        table.Add("DELETE", "/fapi/v1/allOpenOrders", Security.Signed, Futures, 1, r =>
        {
            engine.CancelAllFuturesOrders(r.Symbol(engine));
            return new JsonObject { ["code"] = 200, ["msg"] = "The operation of cancel all open order is done." };
        }, LedgerAction.Cancel);
        table.Add("GET", "/fapi/v1/allOrders", Security.Signed, Futures, 5, r =>
            new JsonArray(engine.AllOrders(Futures, r.Symbol(engine), HistoryParams.Read(r, "orderId")).Select(o => (JsonNode)WireJson.FuturesOrder(o)).ToArray()));
        table.Add("GET", "/fapi/v1/userTrades", Security.Signed, Futures, 5, r =>
            new JsonArray(engine.Trades(Futures, r.Symbol(engine), HistoryParams.Read(r, orderFilter: true)).Select(t => (JsonNode)WireJson.FuturesTrade(t)).ToArray()));
        table.Add("GET", "/fapi/v1/trades", Security.None, Futures, 5, r =>
            HistoryParams.Trades(Futures, engine.PublicTrades(Futures, r.Symbol(engine), HistoryQuery.Latest(r.OptionalInt("limit", 1, 1000) ?? 500))));
        table.Add("GET", "/fapi/v1/historicalTrades", Security.None, Futures, 20, r =>
            HistoryParams.Trades(Futures, engine.PublicTrades(Futures, r.Symbol(engine), HistoryParams.Read(r, maxLimit: 500))));
        table.Add("GET", "/fapi/v1/aggTrades", Security.None, Futures, 20, r =>
            HistoryParams.AggTrades(Futures, engine.PublicTrades(Futures, r.Symbol(engine), HistoryParams.Read(r))));
        table.Add("POST", "/fapi/v1/algoOrder", Security.Signed, Futures, 0, r => WireJson.Algo(engine.PlaceAlgoOrder(ParseAlgo(sim, r))), LedgerAction.New);
        table.Add("GET", "/fapi/v1/algoOrder", Security.Signed, Futures, 1, r => WireJson.Algo(engine.QueryAlgoOrder(r.OptionalLong("algoId"), AlgoRef(r))));
        table.Add("DELETE", "/fapi/v1/algoOrder", Security.Signed, Futures, 1, r =>
        {
            var algo = engine.CancelAlgoOrder(r.OptionalLong("algoId"), AlgoRef(r));
            return new JsonObject { ["algoId"] = algo.AlgoId, ["clientAlgoId"] = algo.ClientAlgoId, ["code"] = "200", ["msg"] = "success" };
        }, LedgerAction.Cancel);
        table.Add("GET", "/fapi/v1/openAlgoOrders", Security.Signed, Futures, 1, r =>
            new JsonArray(engine.AlgoOrders(r.OptionalSymbol(engine), openOnly: true).Select(a => (JsonNode)WireJson.Algo(a)).ToArray()));
        table.Add("GET", "/fapi/v1/allAlgoOrders", Security.Signed, Futures, 5, r =>
            new JsonArray(engine.AlgoOrders(r.Symbol(engine), openOnly: false).Select(a => (JsonNode)WireJson.Algo(a)).ToArray()));
        table.Add("DELETE", "/fapi/v1/algoOpenOrders", Security.Signed, Futures, 1, r =>
        {
            engine.CancelAllAlgoOrders(r.Symbol(engine));
            return new JsonObject { ["code"] = 200, ["msg"] = "The operation of cancel all open order is done." };
        }, LedgerAction.Cancel);
        table.Add("GET", "/fapi/v2/account", Security.Signed, Futures, 5, r => Account(sim, r, v3: false));
        table.Add("GET", "/fapi/v3/account", Security.Signed, Futures, 5, r => Account(sim, r, v3: true));
        table.Add("GET", "/fapi/v2/balance", Security.Signed, Futures, 5, r => Balance(sim, r));
        table.Add("GET", "/fapi/v3/balance", Security.Signed, Futures, 5, r => Balance(sim, r));
        table.Add("GET", "/fapi/v2/positionRisk", Security.Signed, Futures, 5, r =>
        {
            var symbol = r.OptionalSymbol(engine);
            return new JsonArray(Positions(sim, r).Where(p => symbol is null || p.Symbol == symbol).Select(p => (JsonNode)WireJson.PositionV2(p)).ToArray());
        });
        table.Add("GET", "/fapi/v3/positionRisk", Security.Signed, Futures, 5, r =>
        {
            var symbol = r.OptionalSymbol(engine);
            return new JsonArray(Positions(sim, r)
                .Where(p => (symbol is null || p.Symbol == symbol) && (p.PositionAmt != 0 || p.HasOpenOrders))
                .Select(p => (JsonNode)WireJson.PositionV3(p)).ToArray());
        });
        table.Add("POST", "/fapi/v1/leverage", Security.Signed, Futures, 1, r =>
        {
            var symbol = r.Symbol(engine);
            var leverage = (int)(r.OptionalLong("leverage") is { } l and >= int.MinValue and <= int.MaxValue ? l : throw Errors.Mandatory("leverage"));
            var (set, maxNotional) = engine.SetLeverage(symbol, leverage);
            return new JsonObject { ["leverage"] = set, ["maxNotionalValue"] = Wire.Dec(maxNotional), ["symbol"] = symbol };
        });
        table.Add("POST", "/fapi/v1/marginType", Security.Signed, Futures, 1, r =>
        {
            var symbol = r.Symbol(engine);
            var type = r.Required("marginType") switch
            {
                "ISOLATED" => MarginType.Isolated,
                "CROSSED" => MarginType.Crossed,
                _ => throw Errors.IllegalCharacters("marginType", "ISOLATED, CROSSED"),
            };
            engine.SetMarginType(symbol, type);
            return new JsonObject { ["code"] = 200, ["msg"] = "success" };
        });
        table.Add("GET", "/fapi/v1/positionSide/dual", Security.Signed, Futures, 30, _ => new JsonObject { ["dualSidePosition"] = false });
        table.Add("POST", "/fapi/v1/positionSide/dual", Security.Signed, Futures, 1, r =>
            r.OptionalBool("dualSidePosition")
                ? throw new ExchangeErrorException(-4059, "The simulator supports one-way mode only.")
                : throw new ExchangeErrorException(-4059, "No need to change position side."));
        table.Add("POST", "/fapi/v1/listenKey", Security.ApiKey, Futures, 1, _ => new JsonObject { ["listenKey"] = sim.ListenKeys.Create(Futures) });
        table.Add("PUT", "/fapi/v1/listenKey", Security.ApiKey, Futures, 1, _ =>
            new JsonObject { ["listenKey"] = sim.ListenKeys.KeepaliveActive(Futures) });
        table.Add("DELETE", "/fapi/v1/listenKey", Security.ApiKey, Futures, 1, _ =>
        {
            // Futures has one key per account, so closing needs no key parameter.
            sim.ListenKeys.Expire(Futures, onlyOverdue: false);
            return new JsonObject();
        });
    }

    internal static string? OrderRef(ApiRequest r)
    {
        var clientId = r.Optional("origClientOrderId");
        return r.OptionalLong("orderId") is null && clientId is null ? throw Errors.Mandatory("orderId") : clientId;
    }

    private static string? AlgoRef(ApiRequest r)
    {
        var clientId = r.Optional("clientAlgoId");
        return r.OptionalLong("algoId") is null && clientId is null ? throw Errors.Mandatory("algoId") : clientId;
    }

    internal static JsonNode NewOrder(SimulatorContext sim, ApiRequest r)
    {
        var symbol = r.Symbol(sim.Engine);
        var side = r.Side();
        var type = r.Type();
        if (r.Optional("priceMatch") is { } match && match != "NONE")
        {
            throw Errors.InvalidParameter("priceMatch is not supported by the simulator.");
        }

        var request = new FuturesOrderRequest(symbol, side, type)
        {
            TimeInForce = r.Tif(),
            Quantity = r.OptionalDecimal("quantity"),
            Price = r.OptionalDecimal("price"),
            ReduceOnly = r.OptionalBool("reduceOnly"),
            PositionSide = r.Optional("positionSide"),
            NewClientOrderId = r.Optional("newClientOrderId"),
        };
        var respType = r.Optional("newOrderRespType") ?? "ACK";
        if (respType is not ("ACK" or "RESULT"))
        {
            throw Errors.IllegalCharacters("newOrderRespType", "ACK, RESULT");
        }

        var order = sim.Engine.PlaceFuturesOrder(request).Order;

        // ACK (Binance's default) reports the order as accepted, before any fill; RESULT reports where it ended.
        return WireJson.FuturesOrder(respType == "RESULT" ? order : order with
        {
            Status = OrderStatus.New,
            ExecutedQty = 0,
            CumQuote = 0,
            UpdateTime = order.Time,
        });
    }

    private static AlgoOrderRequest ParseAlgo(SimulatorContext sim, ApiRequest r)
    {
        var algoType = r.Required("algoType");
        if (algoType != "CONDITIONAL")
        {
            throw Errors.IllegalCharacters("algoType", "CONDITIONAL");
        }

        var symbol = r.Symbol(sim.Engine);
        return new AlgoOrderRequest(symbol, r.Side(), r.Type())
        {
            TimeInForce = r.Tif(),
            Quantity = r.OptionalDecimal("quantity"),
            Price = r.OptionalDecimal("price"),
            TriggerPrice = r.OptionalDecimal("triggerPrice") ?? r.OptionalDecimal("stopPrice"),
            WorkingType = r.OptionalEnum<WorkingType>("workingType", () => Errors.IllegalCharacters("workingType", "MARK_PRICE, CONTRACT_PRICE")) ?? WorkingType.ContractPrice,
            ClosePosition = r.OptionalBool("closePosition"),
            ReduceOnly = r.OptionalBool("reduceOnly"),
            PriceProtect = r.OptionalBool("priceProtect"),
            ActivatePrice = r.OptionalDecimal("activatePrice") ?? r.OptionalDecimal("activationPrice"),
            CallbackRate = r.OptionalDecimal("callbackRate"),
            PositionSide = r.Optional("positionSide"),
            ClientAlgoId = r.Optional("clientAlgoId"),
        };
    }

    private static long? LaggedAsOf(SimulatorContext sim, ApiRequest r)
    {
        var lag = sim.Faults.Peek(FaultKinds.PositionLagMs, r.Method, r.Path, null, Futures);
        return lag is null ? null : sim.NowMs - lag.LagMs;
    }

    private static IReadOnlyList<PositionSnapshot> Positions(SimulatorContext sim, ApiRequest r) => sim.Engine.Positions(LaggedAsOf(sim, r));

    private static JsonObject PremiumIndex(SimulatorContext sim, string symbol)
    {
        var price = sim.Engine.Price(Futures, symbol);
        var rate = sim.Engine.Options.FundingRate.ToString("F8", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["symbol"] = symbol,
            ["markPrice"] = Wire.Dec(Math.Round(price.Mark, 8)),
            ["indexPrice"] = Wire.Dec(Math.Round(price.Index, 8)),
            ["estimatedSettlePrice"] = Wire.Dec(Math.Round(price.Mark, 8)),
            ["lastFundingRate"] = rate,
            ["interestRate"] = "0.00010000",
            ["nextFundingTime"] = sim.Engine.NextFundingTime,
            ["time"] = sim.NowMs,
        };
    }

    private static JsonObject Account(SimulatorContext sim, ApiRequest r, bool v3)
    {
        var account = sim.Engine.FuturesAccount(LaggedAsOf(sim, r));
        var initial = account.Positions.Sum(p => p.InitialMargin);
        var maint = account.Positions.Sum(p => p.MaintMargin);
        var crossWallet = account.WalletBalance - account.PositionMargin;
        var json = new JsonObject
        {
            ["totalInitialMargin"] = Wire.Dec(Math.Round(initial + account.OpenOrderMargin, 8)),
            ["totalMaintMargin"] = Wire.Dec(Math.Round(maint, 8)),
            ["totalWalletBalance"] = Wire.Dec(Math.Round(account.WalletBalance, 8)),
            ["totalUnrealizedProfit"] = Wire.Dec(Math.Round(account.UnrealizedProfit, 8)),
            ["totalMarginBalance"] = Wire.Dec(Math.Round(account.MarginBalance, 8)),
            ["totalPositionInitialMargin"] = Wire.Dec(Math.Round(initial, 8)),
            ["totalOpenOrderInitialMargin"] = Wire.Dec(Math.Round(account.OpenOrderMargin, 8)),
            ["totalCrossWalletBalance"] = Wire.Dec(Math.Round(crossWallet, 8)),
            ["totalCrossUnPnl"] = "0",
            ["availableBalance"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
            ["maxWithdrawAmount"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
        };
        if (!v3)
        {
            json["feeTier"] = 0;
            json["canTrade"] = true;
            json["canDeposit"] = true;
            json["canWithdraw"] = true;
            json["updateTime"] = 0;
            json["multiAssetsMargin"] = false;
            json["tradeGroupId"] = -1;
        }

        json["assets"] = new JsonArray(new JsonObject
        {
            ["asset"] = "USDT",
            ["walletBalance"] = Wire.Dec(Math.Round(account.WalletBalance, 8)),
            ["unrealizedProfit"] = Wire.Dec(Math.Round(account.UnrealizedProfit, 8)),
            ["marginBalance"] = Wire.Dec(Math.Round(account.MarginBalance, 8)),
            ["maintMargin"] = Wire.Dec(Math.Round(maint, 8)),
            ["initialMargin"] = Wire.Dec(Math.Round(initial + account.OpenOrderMargin, 8)),
            ["positionInitialMargin"] = Wire.Dec(Math.Round(initial, 8)),
            ["openOrderInitialMargin"] = Wire.Dec(Math.Round(account.OpenOrderMargin, 8)),
            ["crossWalletBalance"] = Wire.Dec(Math.Round(crossWallet, 8)),
            ["crossUnPnl"] = "0",
            ["availableBalance"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
            ["maxWithdrawAmount"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
            ["marginAvailable"] = true,
            ["updateTime"] = account.UpdateTime,
        });
        var positions = v3 ? account.Positions.Where(p => p.PositionAmt != 0) : account.Positions;
        json["positions"] = new JsonArray(positions.Select(p => (JsonNode)new JsonObject
        {
            ["symbol"] = p.Symbol,
            ["positionSide"] = "BOTH",
            ["positionAmt"] = Wire.Dec(p.PositionAmt),
            ["unrealizedProfit"] = Wire.Dec(Math.Round(p.UnrealizedProfit, 8)),
            ["isolatedMargin"] = Wire.Dec(Math.Round(p.IsolatedMargin + p.UnrealizedProfit, 8)),
            ["notional"] = Wire.Dec(Math.Round(p.Notional, 8)),
            ["isolatedWallet"] = Wire.Dec(Math.Round(p.IsolatedWallet, 8)),
            ["initialMargin"] = Wire.Dec(Math.Round(p.InitialMargin, 8)),
            ["maintMargin"] = Wire.Dec(Math.Round(p.MaintMargin, 8)),
            ["positionInitialMargin"] = Wire.Dec(Math.Round(p.InitialMargin, 8)),
            ["openOrderInitialMargin"] = "0",
            ["leverage"] = p.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["isolated"] = p.MarginType == MarginType.Isolated,
            ["entryPrice"] = Wire.Dec(Math.Round(p.EntryPrice, 8)),
            ["breakEvenPrice"] = Wire.Dec(p.BreakEvenPrice),
            ["maxNotional"] = Wire.Dec(p.MaxNotionalValue),
            ["bidNotional"] = "0",
            ["askNotional"] = "0",
            ["updateTime"] = p.UpdateTime,
        }).ToArray());
        return json;
    }

    private static JsonArray Balance(SimulatorContext sim, ApiRequest r)
    {
        var account = sim.Engine.FuturesAccount(LaggedAsOf(sim, r));
        return new JsonArray(new JsonObject
        {
            ["accountAlias"] = "SimFuturesAccount",
            ["asset"] = "USDT",
            ["balance"] = Wire.Dec(Math.Round(account.WalletBalance, 8)),
            ["crossWalletBalance"] = Wire.Dec(Math.Round(account.WalletBalance - account.PositionMargin, 8)),
            ["crossUnPnl"] = "0",
            ["availableBalance"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
            ["maxWithdrawAmount"] = Wire.Dec(Math.Round(account.AvailableBalance, 8)),
            ["marginAvailable"] = true,
            ["updateTime"] = account.UpdateTime,
        });
    }

    private static JsonObject ExchangeInfo(SimulatorContext sim)
    {
        var engine = sim.Engine;
        var band = engine.Options.PercentPriceBand;
        return new JsonObject
        {
            ["timezone"] = "UTC",
            ["serverTime"] = sim.NowMs,
            ["futuresType"] = "U_MARGINED",
            ["rateLimits"] = new JsonArray(
                SpotApi.RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400),
                SpotApi.RateLimit("ORDERS", "MINUTE", 1, 1200),
                SpotApi.RateLimit("ORDERS", "SECOND", 10, 300)),
            ["exchangeFilters"] = new JsonArray(),
            ["assets"] = new JsonArray(new JsonObject { ["asset"] = "USDT", ["marginAvailable"] = true, ["autoAssetExchange"] = "-10000" }),
            ["symbols"] = new JsonArray(engine.Symbols.Select(s =>
            {
                var rules = engine.Rules(Futures, s);
                return (JsonNode)new JsonObject
                {
                    ["symbol"] = s,
                    ["pair"] = s,
                    ["contractType"] = "PERPETUAL",
                    ["deliveryDate"] = 4133404800000L,
                    ["onboardDate"] = 1569398400000L,
                    ["status"] = "TRADING",
                    ["maintMarginPercent"] = "2.5000",
                    ["requiredMarginPercent"] = "5.0000",
                    ["baseAsset"] = rules.BaseAsset,
                    ["quoteAsset"] = rules.QuoteAsset,
                    ["marginAsset"] = rules.QuoteAsset,
                    ["pricePrecision"] = rules.PricePrecision,
                    ["quantityPrecision"] = rules.QuantityPrecision,
                    ["baseAssetPrecision"] = 8,
                    ["quotePrecision"] = 8,
                    ["underlyingType"] = "COIN",
                    ["underlyingSubType"] = new JsonArray(),
                    ["triggerProtect"] = "0.0500",
                    ["liquidationFee"] = "0.012500",
                    ["marketTakeBound"] = Wire.Dec(band),
                    ["maxMoveOrderLimit"] = 10000,
                    ["filters"] = new JsonArray(
                        new JsonObject { ["filterType"] = "PRICE_FILTER", ["minPrice"] = Wire.Dec(rules.MinPrice), ["maxPrice"] = Wire.Dec(rules.MaxPrice), ["tickSize"] = Wire.Dec(rules.TickSize) },
                        new JsonObject { ["filterType"] = "LOT_SIZE", ["minQty"] = Wire.Dec(rules.MinQty), ["maxQty"] = Wire.Dec(rules.MaxQty), ["stepSize"] = Wire.Dec(rules.StepSize) },
                        new JsonObject { ["filterType"] = "MARKET_LOT_SIZE", ["minQty"] = Wire.Dec(rules.MinQty), ["maxQty"] = Wire.Dec(rules.MaxQty), ["stepSize"] = Wire.Dec(rules.StepSize) },
                        new JsonObject { ["filterType"] = "MAX_NUM_ORDERS", ["limit"] = 200 },
                        new JsonObject { ["filterType"] = "MAX_NUM_ALGO_ORDERS", ["limit"] = 10 },
                        new JsonObject { ["filterType"] = "MIN_NOTIONAL", ["notional"] = Wire.Dec(rules.MinNotional) },
                        new JsonObject
                        {
                            ["filterType"] = "PERCENT_PRICE",
                            ["multiplierUp"] = (1 + band).ToString("F4", System.Globalization.CultureInfo.InvariantCulture),
                            ["multiplierDown"] = (1 - band).ToString("F4", System.Globalization.CultureInfo.InvariantCulture),
                            ["multiplierDecimal"] = "4",
                        }),
                    ["orderTypes"] = new JsonArray("LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"),
                    ["timeInForce"] = new JsonArray("GTC", "IOC", "FOK", "GTX", "GTD"),
                };
            }).ToArray()),
        };
    }
}
