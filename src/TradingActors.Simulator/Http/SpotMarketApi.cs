using System.Globalization;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>Spot routes for rolling tickers, the account's commission rates and its order-rate usage.</summary>
internal static class SpotMarketApi
{
    private const MarketKind Spot = MarketKind.Spot;

    public static void Register(RouteTable table, SimulatorContext sim)
    {
        var engine = sim.Engine;
        table.Add("GET", "/api/v3/ticker/24hr", Security.None, Spot, 2, r =>
        {
            var mini = MiniType(r);
            if (r.OptionalSymbol(engine) is { } symbol)
            {
                return Ticker(sim, symbol, 86_400_000L, mini, full24h: true);
            }

            var symbols = r.Optional("symbols") is { } list ? Symbols(engine, list) : engine.Symbols;
            return new JsonArray(symbols.Select(s => (JsonNode)Ticker(sim, s, 86_400_000L, mini, full24h: true)).ToArray());
        });
        table.Add("GET", "/api/v3/ticker", Security.None, Spot, 4, r =>
        {
            var window = WindowMs(r.Optional("windowSize") ?? "1d");
            var mini = MiniType(r);
            if (r.OptionalSymbol(engine) is { } symbol)
            {
                return Ticker(sim, symbol, window, mini, full24h: false);
            }

            var symbols = r.Optional("symbols") is { } list ? Symbols(engine, list) : throw Errors.Mandatory("symbol");
            return new JsonArray(symbols.Select(s => (JsonNode)Ticker(sim, s, window, mini, full24h: false)).ToArray());
        });
        table.Add("GET", "/api/v3/account/commission", Security.Signed, Spot, 20, r =>
        {
            var maker = Wire.Dec8(engine.Options.SpotMakerFee);
            var taker = Wire.Dec8(engine.Options.SpotTakerFee);
            var zero = Wire.Dec8(0);
            return new JsonObject
            {
                ["symbol"] = r.Symbol(engine),
                ["standardCommission"] = new JsonObject { ["maker"] = maker, ["taker"] = taker, ["buyer"] = zero, ["seller"] = zero },
                ["specialCommission"] = new JsonObject { ["maker"] = zero, ["taker"] = zero, ["buyer"] = zero, ["seller"] = zero },
                ["taxCommission"] = new JsonObject { ["maker"] = zero, ["taker"] = zero, ["buyer"] = zero, ["seller"] = zero },
                ["discount"] = new JsonObject
                {
                    ["enabledForAccount"] = engine.SpotBnbBurn, ["enabledForSymbol"] = true, ["discountAsset"] = "BNB",
                    ["discount"] = Wire.Dec8(engine.Options.SpotBnbFeeFactor),
                },
            };
        });

        // "Use BNB to pay for fees" (Binance's wallet API): spot commissions are paid in BNB while the account holds enough.
        table.Add("GET", "/sapi/v1/bnbBurn", Security.Signed, Spot, 1, _ => BnbBurn(engine));
        table.Add("POST", "/sapi/v1/bnbBurn", Security.Signed, Spot, 1, r =>
        {
            if (r.Optional("spotBNBBurn") is null && r.Optional("interestBNBBurn") is null)
            {
                throw Errors.Mandatory("spotBNBBurn");
            }

            if (r.Optional("spotBNBBurn") is not null)
            {
                engine.SetSpotBnbBurn(r.OptionalBool("spotBNBBurn"));
            }

            return BnbBurn(engine);
        });
        table.Add("GET", "/api/v3/rateLimit/order", Security.Signed, Spot, 40, _ =>
        {
            var (tenSeconds, day) = sim.Rates.SpotOrderCounts();
            var second = SpotApi.RateLimit("ORDERS", "SECOND", 10, 50);
            second["count"] = tenSeconds;
            var daily = SpotApi.RateLimit("ORDERS", "DAY", 1, 160000);
            daily["count"] = day;
            return new JsonArray(second, daily);
        });
    }

    private static JsonObject BnbBurn(ExchangeEngine engine) => new() { ["spotBNBBurn"] = engine.SpotBnbBurn, ["interestBNBBurn"] = false };

    private static bool MiniType(ApiRequest r) => (r.Optional("type") ?? "FULL") switch
    {
        "FULL" => false,
        "MINI" => true,
        _ => throw Errors.IllegalCharacters("type", "FULL, MINI"),
    };

    private static List<string> Symbols(ExchangeEngine engine, string list)
    {
        var symbols = SpotApi.JsonListParameter(list, "symbols");
        return symbols.All(engine.HasSymbol) ? symbols : throw Errors.InvalidSymbol();
    }

    /// <summary><c>windowSize</c>: 1m..59m, 1h..23h, 1d..7d.</summary>
    private static long WindowMs(string text)
    {
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 'm' when n <= 59:
                    return n * 60_000L;
                case 'h' when n <= 23:
                    return n * 3_600_000L;
                case 'd' when n <= 7:
                    return n * 86_400_000L;
            }
        }

        throw Errors.IllegalCharacters("windowSize");
    }

    private static JsonObject Ticker(SimulatorContext sim, string symbol, long windowMs, bool mini, bool full24h)
    {
        var t = sim.Engine.Ticker(Spot, symbol, windowMs);
        var json = new JsonObject { ["symbol"] = symbol };
        if (!mini)
        {
            json["priceChange"] = Wire.Dec8(t.PriceChange);
            json["priceChangePercent"] = t.PriceChangePercent.ToString("F3", CultureInfo.InvariantCulture);
            json["weightedAvgPrice"] = Wire.Dec8(Math.Round(t.WeightedAvgPrice, 8));
        }

        if (full24h && !mini)
        {
            var price = sim.Engine.Price(Spot, symbol);
            json["prevClosePrice"] = Wire.Dec8(t.Open);
            json["lastPrice"] = Wire.Dec8(t.Last);
            json["lastQty"] = Wire.Dec8(t.LastQty);
            json["bidPrice"] = Wire.Dec8(price.Bid);
            json["bidQty"] = Wire.Dec8(price.BidQty);
            json["askPrice"] = Wire.Dec8(price.Ask);
            json["askQty"] = Wire.Dec8(price.AskQty);
        }

        json["openPrice"] = Wire.Dec8(t.Open);
        json["highPrice"] = Wire.Dec8(t.High);
        json["lowPrice"] = Wire.Dec8(t.Low);
        json["lastPrice"] = Wire.Dec8(t.Last);
        json["volume"] = Wire.Dec8(Math.Round(t.Volume, 8));
        json["quoteVolume"] = Wire.Dec8(Math.Round(t.QuoteVolume, 8));
        json["openTime"] = t.OpenTime;
        json["closeTime"] = t.CloseTime;
        json["firstId"] = t.FirstId;
        json["lastId"] = t.LastId;
        json["count"] = t.Count;
        return json;
    }
}
