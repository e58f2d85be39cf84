using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>Binance's paging parameters for the history endpoints, and the public tape's shapes.</summary>
internal static class HistoryParams
{
    /// <summary><c>fromId</c> (or <paramref name="fromIdName"/>; null: none), <c>startTime</c>, <c>endTime</c>, <c>limit</c>.</summary>
    public static HistoryQuery Read(ApiRequest r, string? fromIdName = "fromId", int defaultLimit = 500, int maxLimit = 1000, bool orderFilter = false) => new()
    {
        FromId = fromIdName is null ? null : r.OptionalLong(fromIdName),
        StartTime = r.OptionalLong("startTime"),
        EndTime = r.OptionalLong("endTime"),
        OrderId = orderFilter ? r.OptionalLong("orderId") : null,
        Limit = r.OptionalInt("limit", 1, maxLimit) ?? defaultLimit,
    };

    /// <summary><c>trades</c> / <c>historicalTrades</c>: <c>id, price, qty, quoteQty, time, isBuyerMaker[, isBestMatch]</c>.</summary>
    public static JsonArray Trades(MarketKind market, IEnumerable<PublicTrade> trades)
    {
        var format = market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        return new JsonArray(trades.Select(t =>
        {
            var json = new JsonObject
            {
                ["id"] = t.Id,
                ["price"] = format(t.Price),
                ["qty"] = format(t.Qty),
                ["quoteQty"] = format(Math.Round(t.Price * t.Qty, 8)),
                ["time"] = t.Time,
                ["isBuyerMaker"] = t.BuyerIsMaker,
            };
            if (market == MarketKind.Spot)
            {
                json["isBestMatch"] = true;
            }

            return (JsonNode)json;
        }).ToArray());
    }

    /// <summary><c>aggTrades</c>: each print is its own aggregate (<c>a</c> = <c>f</c> = <c>l</c> = the trade id).</summary>
    public static JsonArray AggTrades(MarketKind market, IEnumerable<PublicTrade> trades)
    {
        var format = market == MarketKind.Spot ? (Func<decimal, string>)Wire.Dec8 : Wire.Dec;
        return new JsonArray(trades.Select(t =>
        {
            var json = new JsonObject
            {
                ["a"] = t.Id,
                ["p"] = format(t.Price),
                ["q"] = format(t.Qty),
                ["f"] = t.Id,
                ["l"] = t.Id,
                ["T"] = t.Time,
                ["m"] = t.BuyerIsMaker,
            };
            if (market == MarketKind.Spot)
            {
                json["M"] = true;
            }

            return (JsonNode)json;
        }).ToArray());
    }
}
