using System.Text.Json.Serialization;
using TradingActors.Binance.Common;

namespace TradingActors.Binance.Futures.Http;

/// <summary>Futures order JSON (new order RESULT, query, cancel, open orders).</summary>
internal sealed class FuturesOrderWire
{
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("clientOrderId")] public string ClientOrderId { get; init; } = string.Empty;
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("avgPrice")] public decimal AvgPrice { get; init; }
    [JsonPropertyName("origQty")] public decimal OrigQty { get; init; }
    [JsonPropertyName("executedQty")] public decimal ExecutedQty { get; init; }
    [JsonPropertyName("cumQuote")] public decimal CumQuote { get; init; }
    [JsonPropertyName("timeInForce")] public string? TimeInForce { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("origType")] public string? OrigType { get; init; }
    [JsonPropertyName("reduceOnly")] public bool ReduceOnly { get; init; }
    [JsonPropertyName("closePosition")] public bool ClosePosition { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("stopPrice")] public decimal StopPrice { get; init; }
    [JsonPropertyName("workingType")] public string? WorkingType { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
}

/// <summary>Futures algo (conditional) order JSON.</summary>
internal sealed class FuturesAlgoOrderWire
{
    [JsonPropertyName("algoId")] public long AlgoId { get; init; }
    [JsonPropertyName("clientAlgoId")] public string ClientAlgoId { get; init; } = string.Empty;
    [JsonPropertyName("algoType")] public string? AlgoType { get; init; }
    [JsonPropertyName("orderType")] public string? OrderType { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("timeInForce")] public string? TimeInForce { get; init; }
    [JsonPropertyName("quantity")] public decimal Quantity { get; init; }
    [JsonPropertyName("algoStatus")] public string? AlgoStatus { get; init; }
    [JsonPropertyName("triggerPrice")] public decimal TriggerPrice { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("workingType")] public string? WorkingType { get; init; }
    [JsonPropertyName("closePosition")] public bool ClosePosition { get; init; }
    [JsonPropertyName("priceProtect")] public bool PriceProtect { get; init; }
    [JsonPropertyName("reduceOnly")] public bool ReduceOnly { get; init; }
    [JsonPropertyName("activatePrice")]
    [JsonConverter(typeof(FlexibleDecimalConverter))]
    public decimal? ActivatePrice { get; init; }

    [JsonPropertyName("callbackRate")]
    [JsonConverter(typeof(FlexibleDecimalConverter))]
    public decimal? CallbackRate { get; init; }

    [JsonPropertyName("createTime")] public long CreateTime { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
    [JsonPropertyName("triggerTime")] public long TriggerTime { get; init; }

    [JsonPropertyName("actualOrderId")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long ActualOrderId { get; init; }
}

/// <summary><c>GET /fapi/v2/positionRisk</c> element.</summary>
internal sealed class PositionRiskWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("positionAmt")] public decimal PositionAmt { get; init; }
    [JsonPropertyName("entryPrice")] public decimal EntryPrice { get; init; }
    [JsonPropertyName("breakEvenPrice")] public decimal BreakEvenPrice { get; init; }
    [JsonPropertyName("markPrice")] public decimal MarkPrice { get; init; }
    [JsonPropertyName("unRealizedProfit")] public decimal UnRealizedProfit { get; init; }
    [JsonPropertyName("liquidationPrice")] public decimal LiquidationPrice { get; init; }
    [JsonPropertyName("leverage")] public int Leverage { get; init; }
    [JsonPropertyName("marginType")] public string? MarginType { get; init; }
    [JsonPropertyName("isolatedWallet")] public decimal IsolatedWallet { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
}

/// <summary><c>GET /fapi/v2/balance</c> element.</summary>
internal sealed class FuturesBalanceWire
{
    [JsonPropertyName("asset")] public string Asset { get; init; } = string.Empty;
    [JsonPropertyName("balance")] public decimal Balance { get; init; }
    [JsonPropertyName("availableBalance")] public decimal AvailableBalance { get; init; }
}

/// <summary><c>GET /fapi/v1/userTrades</c> element.</summary>
internal sealed class FuturesTradeWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("qty")] public decimal Qty { get; init; }
    [JsonPropertyName("quoteQty")] public decimal QuoteQty { get; init; }
    [JsonPropertyName("realizedPnl")] public decimal RealizedPnl { get; init; }
    [JsonPropertyName("commission")] public decimal Commission { get; init; }
    [JsonPropertyName("commissionAsset")] public string CommissionAsset { get; init; } = string.Empty;
    [JsonPropertyName("maker")] public bool Maker { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
}

/// <summary>One entry of <c>GET /fapi/v1/income</c>.</summary>
internal sealed class IncomeWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("incomeType")] public string IncomeType { get; init; } = string.Empty;
    [JsonPropertyName("income")] public decimal Income { get; init; }
    [JsonPropertyName("asset")] public string Asset { get; init; } = string.Empty;
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("tranId")] public long TranId { get; init; }
}

/// <summary><c>POST /fapi/v1/leverage</c> answer.</summary>
internal sealed class LeverageWire
{
    [JsonPropertyName("leverage")] public int Leverage { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
}

/// <summary><c>GET /fapi/v1/premiumIndex</c> answer.</summary>
internal sealed class PremiumIndexWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("markPrice")] public decimal MarkPrice { get; init; }
    [JsonPropertyName("indexPrice")] public decimal IndexPrice { get; init; }
    [JsonPropertyName("lastFundingRate")] public decimal LastFundingRate { get; init; }
    [JsonPropertyName("nextFundingTime")] public long NextFundingTime { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
}

internal sealed class ListenKeyWire
{
    [JsonPropertyName("listenKey")] public string ListenKey { get; init; } = string.Empty;
}
