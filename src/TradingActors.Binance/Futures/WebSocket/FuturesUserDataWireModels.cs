using System.Text.Json.Serialization;
using TradingActors.Binance.Common;

namespace TradingActors.Binance.Futures.WebSocket;

/// <summary><c>ORDER_TRADE_UPDATE</c>.</summary>
internal sealed class OrderTradeUpdateWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("o")] public OrderTradeUpdateOrderWire Order { get; init; } = new();
}

internal sealed class OrderTradeUpdateOrderWire
{
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("c")] public string ClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("S")] public string Side { get; init; } = string.Empty;
    [JsonPropertyName("o")] public string OrderType { get; init; } = string.Empty;
    [JsonPropertyName("f")] public string? TimeInForce { get; init; }
    [JsonPropertyName("q")] public decimal Quantity { get; init; }
    [JsonPropertyName("p")] public decimal Price { get; init; }
    [JsonPropertyName("ap")] public decimal AveragePrice { get; init; }
    [JsonPropertyName("sp")] public decimal StopPrice { get; init; }
    [JsonPropertyName("x")] public string ExecutionType { get; init; } = string.Empty;
    [JsonPropertyName("X")] public string Status { get; init; } = string.Empty;
    [JsonPropertyName("i")] public long OrderId { get; init; }
    [JsonPropertyName("l")] public decimal LastQuantity { get; init; }
    [JsonPropertyName("z")] public decimal CumulativeQuantity { get; init; }
    [JsonPropertyName("L")] public decimal LastPrice { get; init; }
    [JsonPropertyName("N")] public string? CommissionAsset { get; init; }
    [JsonPropertyName("n")] public decimal Commission { get; init; }
    [JsonPropertyName("T")] public long TradeTime { get; init; }
    [JsonPropertyName("t")] public long TradeId { get; init; }
    [JsonPropertyName("m")] public bool IsMaker { get; init; }
    [JsonPropertyName("R")] public bool ReduceOnly { get; init; }
    [JsonPropertyName("wt")] public string? WorkingType { get; init; }
    [JsonPropertyName("ot")] public string? OriginalType { get; init; }
    [JsonPropertyName("ps")] public string? PositionSide { get; init; }
    [JsonPropertyName("cp")] public bool ClosePosition { get; init; }
    [JsonPropertyName("rp")] public decimal RealizedProfit { get; init; }

    [JsonPropertyName("er")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long ExpiryReason { get; init; }
}

/// <summary><c>ACCOUNT_UPDATE</c>.</summary>
internal sealed class AccountUpdateWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("a")] public AccountUpdateDataWire Data { get; init; } = new();
}

internal sealed class AccountUpdateDataWire
{
    [JsonPropertyName("m")] public string Reason { get; init; } = string.Empty;
    [JsonPropertyName("B")] public List<AccountUpdateBalanceWire> Balances { get; init; } = [];
    [JsonPropertyName("P")] public List<AccountUpdatePositionWire> Positions { get; init; } = [];
}

internal sealed class AccountUpdateBalanceWire
{
    [JsonPropertyName("a")] public string Asset { get; init; } = string.Empty;
    [JsonPropertyName("wb")] public decimal WalletBalance { get; init; }
    [JsonPropertyName("cw")] public decimal CrossWalletBalance { get; init; }
    [JsonPropertyName("bc")] public decimal BalanceChange { get; init; }
}

internal sealed class AccountUpdatePositionWire
{
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("pa")] public decimal PositionAmount { get; init; }
    [JsonPropertyName("ep")] public decimal EntryPrice { get; init; }
    [JsonPropertyName("bep")] public decimal BreakEvenPrice { get; init; }
    [JsonPropertyName("cr")] public decimal AccumulatedRealized { get; init; }
    [JsonPropertyName("up")] public decimal UnrealizedPnl { get; init; }
    [JsonPropertyName("mt")] public string? MarginType { get; init; }
    [JsonPropertyName("iw")] public decimal IsolatedWallet { get; init; }
    [JsonPropertyName("ps")] public string? PositionSide { get; init; }
}

/// <summary><c>ALGO_UPDATE</c>.</summary>
internal sealed class AlgoUpdateWire
{
    [JsonPropertyName("e")] public string EventType { get; init; } = string.Empty;
    [JsonPropertyName("E")] public long EventTime { get; init; }
    [JsonPropertyName("T")] public long TransactionTime { get; init; }
    [JsonPropertyName("o")] public AlgoUpdateOrderWire Order { get; init; } = new();
}

internal sealed class AlgoUpdateOrderWire
{
    [JsonPropertyName("caid")] public string ClientAlgoId { get; init; } = string.Empty;

    [JsonPropertyName("aid")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long AlgoId { get; init; }

    [JsonPropertyName("at")] public string? AlgoType { get; init; }
    [JsonPropertyName("o")] public string OrderType { get; init; } = string.Empty;
    [JsonPropertyName("s")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("S")] public string Side { get; init; } = string.Empty;
    [JsonPropertyName("ps")] public string? PositionSide { get; init; }
    [JsonPropertyName("f")] public string? TimeInForce { get; init; }
    [JsonPropertyName("q")] public decimal Quantity { get; init; }
    [JsonPropertyName("X")] public string Status { get; init; } = string.Empty;

    [JsonPropertyName("ai")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long ActualOrderId { get; init; }

    [JsonPropertyName("tp")] public decimal TriggerPrice { get; init; }
    [JsonPropertyName("p")] public decimal Price { get; init; }
    [JsonPropertyName("wt")] public string? WorkingType { get; init; }
    [JsonPropertyName("cp")] public bool ClosePosition { get; init; }
    [JsonPropertyName("R")] public bool ReduceOnly { get; init; }
}
