using System.Text.Json;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Simulator.Ledger;

namespace TradingActors.Simulator.Http;

/// <summary>The control API under /sim (JSON, unauthenticated, loopback only): prices, time, ledger, faults, listen keys.</summary>
internal static class ControlApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Register(RouteTable table, SimulatorContext sim, Action<MarketKind?, bool> expireListenKeys)
    {
        var engine = sim.Engine;
        table.Add("POST", "/sim/price", Security.Control, null, 0, r =>
        {
            var body = Body(r);
            var symbol = Text(body, "symbol") ?? throw Errors.Mandatory("symbol");
            if (!engine.HasSymbol(symbol))
            {
                throw Errors.InvalidSymbol();
            }

            var price = Number(body, "price") ?? throw Errors.Mandatory("price");
            var mark = Number(body, "markPrice");
            var market = (Text(body, "market") ?? "BOTH").ToUpperInvariant();
            if (market is not ("SPOT" or "FUTURES" or "BOTH"))
            {
                throw Errors.IllegalCharacters("market", "SPOT, FUTURES, BOTH");
            }

            if (market is "SPOT" or "BOTH")
            {
                engine.SetPrice(MarketKind.Spot, symbol, price);
            }

            if (market is "FUTURES" or "BOTH")
            {
                engine.SetPrice(MarketKind.Futures, symbol, price, mark);
            }

            return Prices(engine, symbol);
        });
        table.Add("GET", "/sim/price", Security.Control, null, 0, r => Prices(engine, r.Symbol(engine)));
        table.Add("POST", "/sim/time/advance", Security.Control, null, 0, r =>
        {
            var clock = sim.VirtualClock ?? throw Errors.InvalidParameter("Virtual time is off: start the simulator with --virtual-time (VirtualTime = true).");
            var ms = (long?)Number(Body(r), "ms") ?? throw Errors.Mandatory("ms");
            if (ms < 0)
            {
                throw Errors.InvalidParameter("ms must not be negative.");
            }

            clock.Advance(TimeSpan.FromMilliseconds(ms));
            engine.Tick();
            expireListenKeys(null, true);
            return new JsonObject { ["serverTime"] = sim.NowMs };
        });
        table.Add("GET", "/sim/time", Security.Control, null, 0, _ => new JsonObject { ["serverTime"] = sim.NowMs, ["virtualTime"] = sim.VirtualClock is not null });
        table.Add("GET", "/sim/ledger", Security.Control, null, 0, r =>
            JsonSerializer.SerializeToNode(sim.Ledger.Entries(r.Optional("symbol"), r.Optional("clientId"), r.Optional("market")), Json)!);
        table.Add("DELETE", "/sim/ledger", Security.Control, null, 0, _ =>
        {
            sim.Ledger.Clear();
            return new JsonObject();
        });
        table.Add("GET", "/sim/faults", Security.Control, null, 0, _ => JsonSerializer.SerializeToNode(sim.Faults.Rules, Json)!);
        table.Add("POST", "/sim/faults", Security.Control, null, 0, r =>
        {
            var body = Body(r);
            var rules = body["faults"] is JsonArray many ? many.Select(n => Rule(n)).ToList() : [Rule(body)];
            var added = rules.Select(sim.Faults.Add).ToList();
            return new JsonObject { ["faults"] = JsonSerializer.SerializeToNode(added, Json) };
        });
        table.Add("DELETE", "/sim/faults", Security.Control, null, 0, _ =>
        {
            sim.Faults.Clear();
            return new JsonObject();
        });
        table.Add("POST", "/sim/listenKey/expire", Security.Control, null, 0, r =>
        {
            var market = Text(Body(r), "market")?.ToUpperInvariant() switch
            {
                null or "BOTH" => (MarketKind?)null,
                "SPOT" => MarketKind.Spot,
                "FUTURES" => MarketKind.Futures,
                _ => throw Errors.IllegalCharacters("market", "SPOT, FUTURES, BOTH"),
            };
            expireListenKeys(market, false);
            return new JsonObject();
        });
        table.Add("GET", "/sim/orders", Security.Control, null, 0, r =>
        {
            // One read of every open order, so a harness checking protection needs no signed REST calls.
            var market = r.Optional("market")?.ToUpperInvariant() ?? "BOTH";
            if (market is not ("SPOT" or "FUTURES" or "BOTH"))
            {
                throw Errors.IllegalCharacters("market", "SPOT, FUTURES, BOTH");
            }

            var spot = market is "SPOT" or "BOTH";
            var futures = market is "FUTURES" or "BOTH";
            return new JsonObject
            {
                ["spotOrders"] = new JsonArray(spot ? [.. engine.OpenOrders(MarketKind.Spot, null).Select(o => (JsonNode)WireJson.SpotOrder(o))] : []),
                ["spotOrderLists"] = new JsonArray(spot ? [.. engine.OrderLists(openOnly: true).Select(l => (JsonNode)WireJson.OrderList(l, withReports: false))] : []),
                ["futuresOrders"] = new JsonArray(futures ? [.. engine.OpenOrders(MarketKind.Futures, null).Select(o => (JsonNode)WireJson.FuturesOrder(o))] : []),
                ["futuresAlgoOrders"] = new JsonArray(futures ? [.. engine.AlgoOrders(null, openOnly: true).Select(a => (JsonNode)WireJson.Algo(a))] : []),
            };
        });
        table.Add("GET", "/sim/state", Security.Control, null, 0, _ =>
        {
            var account = engine.FuturesAccount();
            return new JsonObject
            {
                ["spotBalances"] = new JsonArray(engine.SpotBalances().Select(b => (JsonNode)new JsonObject { ["asset"] = b.Asset, ["free"] = Wire.Dec(b.Free), ["locked"] = Wire.Dec(b.Locked) }).ToArray()),
                ["futuresWalletBalance"] = Wire.Dec(account.WalletBalance),
                ["futuresAvailableBalance"] = Wire.Dec(account.AvailableBalance),
                ["positions"] = new JsonArray(account.Positions.Select(p => (JsonNode)WireJson.PositionV3(p)).ToArray()),
            };
        });
    }

    private static JsonObject Prices(ExchangeEngine engine, string symbol)
    {
        var spot = engine.Price(MarketKind.Spot, symbol);
        var futures = engine.Price(MarketKind.Futures, symbol);
        return new JsonObject
        {
            ["symbol"] = symbol,
            ["spot"] = new JsonObject { ["price"] = Wire.Dec(spot.Last), ["bid"] = Wire.Dec(spot.Bid), ["ask"] = Wire.Dec(spot.Ask) },
            ["futures"] = new JsonObject { ["price"] = Wire.Dec(futures.Last), ["markPrice"] = Wire.Dec(Math.Round(futures.Mark, 8)), ["bid"] = Wire.Dec(futures.Bid), ["ask"] = Wire.Dec(futures.Ask) },
            ["serverTime"] = spot.Time,
        };
    }

    private static FaultRule Rule(JsonNode? node)
    {
        try
        {
            return node.Deserialize<FaultRule>(Json) ?? throw Errors.Mandatory("kind");
        }
        catch (JsonException e)
        {
            throw Errors.InvalidParameter("Malformed fault: " + e.Message);
        }
    }

    /// <summary>The JSON body, or the query parameters as strings when there is no body.</summary>
    private static JsonObject Body(ApiRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.RawBody))
        {
            var fromQuery = new JsonObject();
            foreach (var (key, value) in r.Parameters)
            {
                fromQuery[key] = value;
            }

            return fromQuery;
        }

        try
        {
            return JsonNode.Parse(r.RawBody) as JsonObject ?? throw Errors.InvalidParameter("The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw Errors.InvalidParameter("Malformed JSON body.");
        }
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue value
        ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString()
        : null;

    private static decimal? Number(JsonObject body, string name)
    {
        var text = Text(body, name);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Errors.IllegalCharacters(name);
    }
}
