using System.Text.Json.Serialization;

namespace TradingActors.Binance.Spot.WebSocket;

/// <summary>Spot <c>executionReport</c>; keys differ only by case, so every name is mapped exactly.</summary>
internal sealed class ExecutionReportWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("c")] public string ClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("S")] public string Side { get; init; } = string.Empty;
    [JsonPropertyName("o")] public string OrderType { get; init; } = string.Empty;
    [JsonPropertyName("f")] public string? TimeInForce { get; init; }
    [JsonPropertyName("q")] public decimal Quantity { get; init; }
    [JsonPropertyName("p")] public decimal Price { get; init; }
    [JsonPropertyName("P")] public decimal StopPrice { get; init; }
    [JsonPropertyName("g")] public long OrderListId { get; init; } = -1;
    [JsonPropertyName("C")] public string? OriginalClientOrderId { get; init; }
    [JsonPropertyName("x")] public string ExecutionType { get; init; } = string.Empty;
    [JsonPropertyName("X")] public string Status { get; init; } = string.Empty;
    [JsonPropertyName("r")] public string? RejectReason { get; init; }
    [JsonPropertyName("i")] public long OrderId { get; init; }
    [JsonPropertyName("l")] public decimal LastQuantity { get; init; }
    [JsonPropertyName("z")] public decimal CumulativeQuantity { get; init; }
    [JsonPropertyName("L")] public decimal LastPrice { get; init; }
    [JsonPropertyName("n")] public decimal Commission { get; init; }
    [JsonPropertyName("N")] public string? CommissionAsset { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("t")] public long TradeId { get; init; } = -1;
    [JsonPropertyName("m")] public bool IsMaker { get; init; }
    [JsonPropertyName("Z")] public decimal CumulativeQuote { get; init; }
    [JsonPropertyName("Y")] public decimal LastQuote { get; init; }
    [JsonPropertyName("eR")] public string? ExpiryReason { get; init; }
}

/// <summary>Spot <c>outboundAccountPosition</c>.</summary>
internal sealed class OutboundAccountPositionWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("u")] public long LastUpdateTime { get; init; }
    [JsonPropertyName("B")] public List<AccountBalanceWire> Balances { get; init; } = [];
}

internal sealed class AccountBalanceWire
{
    [JsonPropertyName("a")] public string Asset { get; init; } = string.Empty;
    [JsonPropertyName("f")] public decimal Free { get; init; }
    [JsonPropertyName("l")] public decimal Locked { get; init; }
}

/// <summary>Spot <c>listStatus</c> (order list / OCO).</summary>
internal sealed class ListStatusWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("g")] public long OrderListId { get; init; }
    [JsonPropertyName("c")] public string ContingencyType { get; init; } = string.Empty;
    [JsonPropertyName("l")] public string ListStatusType { get; init; } = string.Empty;
    [JsonPropertyName("L")] public string ListOrderStatus { get; init; } = string.Empty;
    [JsonPropertyName("r")] public string? RejectReason { get; init; }
    [JsonPropertyName("C")] public string ListClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("O")] public List<ListStatusOrderWire> Orders { get; init; } = [];
}

internal sealed class ListStatusOrderWire
{
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("i")] public long OrderId { get; init; }
    [JsonPropertyName("c")] public string ClientOrderId { get; init; } = string.Empty;
}
