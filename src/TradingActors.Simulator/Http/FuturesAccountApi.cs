using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>
/// USD-M routes beyond orders and positions: brackets, commission, income, funding, amend and batch orders, tickers,
/// open interest, account and symbol configuration.
/// </summary>
internal static class FuturesAccountApi
{
    private const MarketKind Futures = MarketKind.Futures;
    private const int MaxBatch = 5;

    public static void Register(RouteTable table, SimulatorContext sim)
    {
        var engine = sim.Engine;
        table.Add("GET", "/fapi/v1/leverageBracket", Security.Signed, Futures, 1, r =>
        {
            // With a symbol Binance answers one object, without it a list.
            var symbol = r.OptionalSymbol(engine);
            return symbol is not null ? Brackets(engine, symbol) : new JsonArray(engine.Symbols.Select(s => (JsonNode)Brackets(engine, s)).ToArray());
        });
        table.Add("GET", "/fapi/v1/commissionRate", Security.Signed, Futures, 20, r => new JsonObject
        {
            ["symbol"] = r.Symbol(engine),
            ["makerCommissionRate"] = Wire.Dec(engine.Options.FuturesMakerFee),
            ["takerCommissionRate"] = Wire.Dec(engine.Options.FuturesTakerFee),
            ["rpiCommissionRate"] = "0",
        });
        table.Add("GET", "/fapi/v1/income", Security.Signed, Futures, 30, r => Income(sim, r));
        table.Add("PUT", "/fapi/v1/order", Security.Signed, Futures, 1, r => WireJson.FuturesOrder(engine.AmendFuturesOrder(
            r.Symbol(engine),
            r.OptionalLong("orderId"),
            FuturesApi.OrderRef(r),
            r.Side(),
            r.RequiredDecimal("quantity"),
            r.RequiredDecimal("price"))), LedgerAction.Amend);
        table.Add("POST", "/fapi/v1/batchOrders", Security.Signed, Futures, 5, r => BatchNew(sim, r), LedgerAction.New);
        table.Add("DELETE", "/fapi/v1/batchOrders", Security.Signed, Futures, 1, r => BatchCancel(sim, r), LedgerAction.Cancel);
        table.Add("GET", "/fapi/v1/ticker/24hr", Security.None, Futures, 1, r =>
            r.OptionalSymbol(engine) is { } symbol ? Ticker24h(engine, symbol) : new JsonArray(engine.Symbols.Select(s => (JsonNode)Ticker24h(engine, s)).ToArray()));
        table.Add("GET", "/fapi/v2/ticker/price", Security.None, Futures, 1, r =>
            SpotApi.Tickers(sim, r, p => new JsonObject { ["symbol"] = p.Symbol, ["price"] = Wire.Dec(p.Last), ["time"] = p.Time }));
        table.Add("GET", "/fapi/v1/fundingRate", Security.None, Futures, 1, r =>
        {
            var records = engine.FundingHistory(r.OptionalSymbol(engine), HistoryParams.Read(r, null, defaultLimit: 100));
            return new JsonArray(records.Select(f => (JsonNode)new JsonObject
            {
                ["symbol"] = f.Symbol,
                ["fundingRate"] = f.FundingRate.ToString("F8", CultureInfo.InvariantCulture),
                ["fundingTime"] = f.FundingTime,
                ["markPrice"] = Wire.Dec(Math.Round(f.MarkPrice, 8)),
            }).ToArray());
        });
        table.Add("GET", "/fapi/v1/openInterest", Security.None, Futures, 1, r =>
        {
            var symbol = r.Symbol(engine);
            var ours = Math.Abs(engine.Positions().First(p => p.Symbol == symbol).PositionAmt);
            var rules = engine.Rules(Futures, symbol);

            // A steady synthetic crowd (a hundred levels of the book) plus our own position.
            var crowd = ExchangeEngine.FloorToStep(engine.Options.DepthLevelNotional * 100 / engine.Price(Futures, symbol).Mark, rules.StepSize);
            return new JsonObject { ["openInterest"] = Wire.Dec(crowd + ours), ["symbol"] = symbol, ["time"] = sim.NowMs };
        });
        table.Add("GET", "/fapi/v1/accountConfig", Security.Signed, Futures, 5, _ => new JsonObject
        {
            ["feeTier"] = 0,
            ["canTrade"] = true,
            ["canDeposit"] = true,
            ["canWithdraw"] = true,
            ["dualSidePosition"] = false,
            ["updateTime"] = 0,
            ["multiAssetsMargin"] = false,
            ["tradeGroupId"] = -1,
        });
        table.Add("GET", "/fapi/v1/symbolConfig", Security.Signed, Futures, 5, r =>
        {
            var symbol = r.OptionalSymbol(engine);
            return new JsonArray(engine.Positions().Where(p => symbol is null || p.Symbol == symbol).Select(p => (JsonNode)new JsonObject
            {
                ["symbol"] = p.Symbol,
                ["marginType"] = p.MarginType == MarginType.Isolated ? "ISOLATED" : "CROSSED",
                ["isAutoAddMargin"] = false,
                ["leverage"] = p.Leverage,
                ["maxNotionalValue"] = Wire.Dec(p.MaxNotionalValue),
            }).ToArray());
        });
    }

    private static JsonObject Brackets(ExchangeEngine engine, string symbol) => new()
    {
        ["symbol"] = symbol,
        ["notionalCoef"] = 1.0,
        ["brackets"] = new JsonArray(engine.Brackets.Select(b => (JsonNode)new JsonObject
        {
            ["bracket"] = b.Bracket,
            ["initialLeverage"] = b.InitialLeverage,
            ["notionalCap"] = b.NotionalCap,
            ["notionalFloor"] = b.NotionalFloor,
            ["maintMarginRatio"] = b.MaintMarginRatio,
            ["cum"] = b.Cum,
        }).ToArray()),
    };

    private static JsonArray Income(SimulatorContext sim, ApiRequest r)
    {
        var query = HistoryParams.Read(r, null, defaultLimit: 100);
        if (query.StartTime is null && query.EndTime is null)
        {
            // Binance answers the last seven days when no window is given.
            query = query with { StartTime = sim.NowMs - (7 * 86_400_000L) };
        }

        var page = r.OptionalInt("page", 1, int.MaxValue) ?? 1;
        var records = sim.Engine.Income(r.OptionalSymbol(sim.Engine), r.Optional("incomeType"), query with { Limit = query.Limit * page });
        return new JsonArray(records.Skip((page - 1) * query.Limit).Select(i => (JsonNode)new JsonObject
        {
            ["symbol"] = i.Symbol,
            ["incomeType"] = i.IncomeType,
            ["income"] = Wire.Dec(i.Income),
            ["asset"] = i.Asset,
            ["info"] = i.IncomeType,
            ["time"] = i.Time,
            ["tranId"] = i.TranId,
            ["tradeId"] = i.TradeId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        }).ToArray());
    }

    private static JsonObject Ticker24h(ExchangeEngine engine, string symbol)
    {
        var t = engine.Ticker(Futures, symbol, 86_400_000L);
        return new JsonObject
        {
            ["symbol"] = symbol,
            ["priceChange"] = Wire.Dec(t.PriceChange),
            ["priceChangePercent"] = t.PriceChangePercent.ToString("F3", CultureInfo.InvariantCulture),
            ["weightedAvgPrice"] = Wire.Dec(Math.Round(t.WeightedAvgPrice, 8)),
            ["lastPrice"] = Wire.Dec(t.Last),
            ["lastQty"] = Wire.Dec(t.LastQty),
            ["openPrice"] = Wire.Dec(t.Open),
            ["highPrice"] = Wire.Dec(t.High),
            ["lowPrice"] = Wire.Dec(t.Low),
            ["volume"] = Wire.Dec(t.Volume),
            ["quoteVolume"] = Wire.Dec(Math.Round(t.QuoteVolume, 8)),
            ["openTime"] = t.OpenTime,
            ["closeTime"] = t.CloseTime,
            ["firstId"] = t.FirstId,
            ["lastId"] = t.LastId,
            ["count"] = t.Count,
        };
    }

    /// <summary>Up to five orders in <c>batchOrders</c> (a JSON list); each answers its order or its own error, in order.</summary>
    private static JsonArray BatchNew(SimulatorContext sim, ApiRequest r)
    {
        var orders = ParseBatch(r.Required("batchOrders"));
        var results = new JsonArray();
        foreach (var parameters in orders)
        {
            try
            {
                results.Add(FuturesApi.NewOrder(sim, ApiRequest.Nested(r, parameters)));
            }
            catch (ExchangeErrorException error)
            {
                results.Add(WireJson.Error(error.Code, error.Message));
            }
        }

        return results;
    }

    /// <summary><c>orderIdList</c> or <c>origClientOrderIdList</c> (JSON lists, up to ten); each answers its order or its error.</summary>
    private static JsonArray BatchCancel(SimulatorContext sim, ApiRequest r)
    {
        var symbol = r.Symbol(sim.Engine);
        var ids = r.Optional("orderIdList") is { } idText ? ParseIds(idText).Select(id => ((long?)id, (string?)null)).ToList() : null;
        var clientIds = r.Optional("origClientOrderIdList") is { } clientText ? SpotApi.JsonListParameter(clientText, "origClientOrderIdList").Select(c => ((long?)null, (string?)c)).ToList() : null;
        var targets = ids ?? clientIds ?? throw Errors.Mandatory("orderIdList");
        if (targets.Count > 10)
        {
            throw Errors.InvalidParameter("orderIdList may hold at most 10 ids.");
        }

        var results = new JsonArray();
        foreach (var (orderId, clientId) in targets)
        {
            try
            {
                results.Add(WireJson.FuturesOrder(sim.Engine.CancelFuturesOrder(symbol, orderId, clientId)));
            }
            catch (ExchangeErrorException error)
            {
                results.Add(WireJson.Error(error.Code, error.Message));
            }
        }

        return results;
    }

    private static List<Dictionary<string, string>> ParseBatch(string text)
    {
        JsonArray list;
        try
        {
            list = JsonNode.Parse(text) as JsonArray ?? throw Errors.IllegalCharacters("batchOrders");
        }
        catch (JsonException)
        {
            throw Errors.IllegalCharacters("batchOrders");
        }

        if (list.Count == 0 || list.Count > MaxBatch)
        {
            throw Errors.InvalidParameter($"batchOrders must hold 1 to {MaxBatch} orders.");
        }

        return list.Select(item => item is JsonObject obj
            ? obj.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var str) ? str : p.Value!.ToJsonString(), StringComparer.Ordinal)
            : throw Errors.IllegalCharacters("batchOrders")).ToList();
    }

    /// <summary>A JSON list of order ids, as numbers or as numeric strings (clients send both).</summary>
    private static List<long> ParseIds(string text)
    {
        try
        {
            var list = JsonNode.Parse(text) as JsonArray ?? throw Errors.IllegalCharacters("orderIdList");
            return list.Select(n => n is JsonValue v && (v.TryGetValue<long>(out var id) || (v.TryGetValue<string>(out var str) && long.TryParse(str, CultureInfo.InvariantCulture, out id)))
                ? id
                : throw Errors.IllegalCharacters("orderIdList")).ToList();
        }
        catch (JsonException)
        {
            throw Errors.IllegalCharacters("orderIdList");
        }
    }
}
