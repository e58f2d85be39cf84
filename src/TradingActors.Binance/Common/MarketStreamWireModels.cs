using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary>Combined-stream envelope <c>{"stream":"btcusdt@bookTicker","data":{...}}</c>.</summary>
internal sealed class CombinedStreamWire
{
    [JsonPropertyName("stream")] public string Stream { get; init; } = string.Empty;
    [JsonPropertyName("data")] public JsonElement Data { get; init; }
}

/// <summary><c>&lt;s&gt;@bookTicker</c>; spot omits <c>e</c>, <c>E</c> and <c>T</c>.</summary>
internal sealed class BookTickerWire
{
    [JsonPropertyName("e")] public string? EventType { get; init; }
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("u")] public long UpdateId { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("b")] public decimal BidPrice { get; init; }
    [JsonPropertyName("B")] public decimal BidQty { get; init; }
    [JsonPropertyName("a")] public decimal AskPrice { get; init; }
    [JsonPropertyName("A")] public decimal AskQty { get; init; }
}

/// <summary><c>&lt;s&gt;@aggTrade</c>.</summary>
internal sealed class AggTradeWire
{
    [JsonPropertyName("e")] public string? EventType { get; init; }
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("a")] public long AggregateId { get; init; }
    [JsonPropertyName("p")] public decimal Price { get; init; }
    [JsonPropertyName("q")] public decimal Quantity { get; init; }
    [JsonPropertyName("T")] public long TradeTime { get; init; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; init; }
}

/// <summary><c>&lt;s&gt;@kline_&lt;i&gt;</c>.</summary>
internal sealed class KlineEventWire
{
    [JsonPropertyName("e")] public string? EventType { get; init; }
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("k")] public KlineWire Kline { get; init; } = new();
}

internal sealed class KlineWire
{
    [JsonPropertyName("t")] public long OpenTime { get; init; }
    [JsonPropertyName("T")] public long CloseTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("i")] public string Interval { get; init; } = string.Empty;
    [JsonPropertyName("o")] public decimal Open { get; init; }
    [JsonPropertyName("c")] public decimal Close { get; init; }
    [JsonPropertyName("h")] public decimal High { get; init; }
    [JsonPropertyName("l")] public decimal Low { get; init; }
    [JsonPropertyName("v")] public decimal Volume { get; init; }
    [JsonPropertyName("n")] public long TradeCount { get; init; }
    [JsonPropertyName("x")] public bool IsClosed { get; init; }
    [JsonPropertyName("q")] public decimal QuoteVolume { get; init; }
}

/// <summary>Spot partial depth <c>&lt;s&gt;@depth5</c>.</summary>
internal sealed class SpotDepthWire
{
    [JsonPropertyName("lastUpdateId")] public long LastUpdateId { get; init; }
    [JsonPropertyName("bids")] public List<List<decimal>> Bids { get; init; } = [];
    [JsonPropertyName("asks")] public List<List<decimal>> Asks { get; init; } = [];
}

/// <summary>Futures partial depth <c>&lt;s&gt;@depth5</c> (<c>e:"depthUpdate"</c>).</summary>
internal sealed class FuturesDepthWire
{
    [JsonPropertyName("e")] public string? EventType { get; init; }
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("U")] public long FirstUpdateId { get; init; }
    [JsonPropertyName("u")] public long LastUpdateId { get; init; }
    [JsonPropertyName("pu")] public long PreviousUpdateId { get; init; }
    [JsonPropertyName("b")] public List<List<decimal>> Bids { get; init; } = [];
    [JsonPropertyName("a")] public List<List<decimal>> Asks { get; init; } = [];
}

/// <summary>Futures <c>&lt;s&gt;@markPrice</c>.</summary>
internal sealed class MarkPriceWire
{
    [JsonPropertyName("e")] public string? EventType { get; init; }
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("p")] public decimal MarkPrice { get; init; }
    [JsonPropertyName("i")] public decimal IndexPrice { get; init; }
    [JsonPropertyName("P")] public decimal EstimatedSettlePrice { get; init; }
    [JsonPropertyName("r")] public decimal FundingRate { get; init; }
    [JsonPropertyName("T")] public long NextFundingTime { get; init; }
}
