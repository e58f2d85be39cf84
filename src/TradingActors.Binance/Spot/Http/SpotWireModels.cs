using System.Text.Json.Serialization;

namespace TradingActors.Binance.Spot.Http;

/// <summary>Spot order JSON (new order RESULT/FULL, query, cancel, open orders, order reports).</summary>
internal sealed class SpotOrderWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("orderListId")] public long OrderListId { get; init; } = -1;
    [JsonPropertyName("clientOrderId")] public string ClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("origClientOrderId")] public string? OrigClientOrderId { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("origQty")] public decimal OrigQty { get; init; }
    [JsonPropertyName("executedQty")] public decimal ExecutedQty { get; init; }
    [JsonPropertyName("cummulativeQuoteQty")] public decimal CummulativeQuoteQty { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("timeInForce")] public string? TimeInForce { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("stopPrice")] public decimal StopPrice { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
    [JsonPropertyName("transactTime")] public long TransactTime { get; init; }
    [JsonPropertyName("workingTime")] public long WorkingTime { get; init; }
    [JsonPropertyName("fills")] public List<SpotFillWire>? Fills { get; init; }
}

internal sealed class SpotFillWire
{
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("qty")] public decimal Qty { get; init; }
    [JsonPropertyName("commission")] public decimal Commission { get; init; }
    [JsonPropertyName("commissionAsset")] public string CommissionAsset { get; init; } = string.Empty;
    [JsonPropertyName("tradeId")] public long TradeId { get; init; }
}

/// <summary>Spot order list (OCO) JSON, from placing, querying or cancelling a list.</summary>
internal sealed class SpotOrderListWire
{
    [JsonPropertyName("orderListId")] public long OrderListId { get; init; }
    [JsonPropertyName("contingencyType")] public string? ContingencyType { get; init; }
    [JsonPropertyName("listStatusType")] public string? ListStatusType { get; init; }
    [JsonPropertyName("listOrderStatus")] public string? ListOrderStatus { get; init; }
    [JsonPropertyName("listClientOrderId")] public string ListClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("transactionTime")] public long TransactionTime { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("orders")] public List<SpotListOrderWire> Orders { get; init; } = [];
    [JsonPropertyName("orderReports")] public List<SpotOrderWire>? OrderReports { get; init; }
}

internal sealed class SpotListOrderWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("clientOrderId")] public string ClientOrderId { get; init; } = string.Empty;
}

internal sealed class SpotAccountWire
{
    [JsonPropertyName("balances")] public List<SpotBalanceWire> Balances { get; init; } = [];
}

internal sealed class SpotBalanceWire
{
    [JsonPropertyName("asset")] public string Asset { get; init; } = string.Empty;
    [JsonPropertyName("free")] public decimal Free { get; init; }
    [JsonPropertyName("locked")] public decimal Locked { get; init; }
}

/// <summary><c>GET /api/v3/myTrades</c> element.</summary>
internal sealed class SpotTradeWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("qty")] public decimal Qty { get; init; }
    [JsonPropertyName("quoteQty")] public decimal QuoteQty { get; init; }
    [JsonPropertyName("commission")] public decimal Commission { get; init; }
    [JsonPropertyName("commissionAsset")] public string CommissionAsset { get; init; } = string.Empty;
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("isBuyer")] public bool IsBuyer { get; init; }
    [JsonPropertyName("isMaker")] public bool IsMaker { get; init; }
}
