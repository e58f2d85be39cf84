using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>Translation between the domain enums and Binance's wire spellings.</summary>
internal static class BinanceWireEnums
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";

    public static OrderSide ParseSide(string? side) => side switch
    {
        "BUY" => OrderSide.Buy,
        "SELL" => OrderSide.Sell,
        _ => throw new FormatException($"Unknown order side '{side}'."),
    };

    public static OrderStatus ParseStatus(string? status) => status switch
    {
        "NEW" => OrderStatus.New,
        "PENDING_NEW" => OrderStatus.PendingNew,
        "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
        "FILLED" => OrderStatus.Filled,
        "CANCELED" => OrderStatus.Canceled,
        "PENDING_CANCEL" => OrderStatus.PendingCancel,
        "REJECTED" => OrderStatus.Rejected,
        "EXPIRED" => OrderStatus.Expired,
        "EXPIRED_IN_MATCH" => OrderStatus.ExpiredInMatch,
        _ => throw new FormatException($"Unknown order status '{status}'."),
    };

    public static AlgoOrderStatus ParseAlgoStatus(string? status) => status switch
    {
        "NEW" => AlgoOrderStatus.New,
        "CANCELED" or "CANCELLED" => AlgoOrderStatus.Canceled,
        "TRIGGERING" => AlgoOrderStatus.Triggering,
        "TRIGGERED" => AlgoOrderStatus.Triggered,
        "FINISHED" => AlgoOrderStatus.Finished,
        "REJECTED" => AlgoOrderStatus.Rejected,
        "EXPIRED" => AlgoOrderStatus.Expired,
        _ => throw new FormatException($"Unknown algo order status '{status}'."),
    };

    public static ExecutionType ParseExecutionType(string? type) => type switch
    {
        "NEW" => ExecutionType.New,
        "CANCELED" => ExecutionType.Canceled,
        "REPLACED" => ExecutionType.Replaced,
        "REJECTED" => ExecutionType.Rejected,
        "TRADE" => ExecutionType.Trade,
        "EXPIRED" => ExecutionType.Expired,
        "TRADE_PREVENTION" => ExecutionType.TradePrevention,
        "CALCULATED" => ExecutionType.Calculated,
        "AMENDMENT" => ExecutionType.Amendment,
        _ => ExecutionType.Other,
    };

    public static OrderType ParseOrderType(string? type) => type switch
    {
        "LIMIT" or "LIMIT_MAKER" => OrderType.Limit,
        "MARKET" => OrderType.Market,
        "STOP_LOSS" => OrderType.StopLoss,
        "STOP_LOSS_LIMIT" => OrderType.StopLossLimit,
        "TAKE_PROFIT" => OrderType.TakeProfit,
        "TAKE_PROFIT_LIMIT" => OrderType.TakeProfitLimit,
        "STOP" => OrderType.Stop,
        "STOP_MARKET" => OrderType.StopMarket,
        "TAKE_PROFIT_MARKET" => OrderType.TakeProfitMarket,
        "TRAILING_STOP_MARKET" => OrderType.TrailingStopMarket,
        "LIQUIDATION" => OrderType.Liquidation,
        _ => OrderType.Other,
    };

    public static string OrderTypeName(OrderType type) => type switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.Market => "MARKET",
        OrderType.StopLoss => "STOP_LOSS",
        OrderType.StopLossLimit => "STOP_LOSS_LIMIT",
        OrderType.TakeProfit => "TAKE_PROFIT",
        OrderType.TakeProfitLimit => "TAKE_PROFIT_LIMIT",
        _ => throw new ArgumentException($"Order type {type} cannot be sent as a plain order.", nameof(type)),
    };

    public static string ConditionalTypeName(ConditionalOrderType type) => type switch
    {
        ConditionalOrderType.StopMarket => "STOP_MARKET",
        ConditionalOrderType.TakeProfitMarket => "TAKE_PROFIT_MARKET",
        ConditionalOrderType.TrailingStopMarket => "TRAILING_STOP_MARKET",
        ConditionalOrderType.Stop => "STOP",
        ConditionalOrderType.TakeProfit => "TAKE_PROFIT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ConditionalOrderType ParseConditionalType(string? type) => type switch
    {
        "STOP_MARKET" => ConditionalOrderType.StopMarket,
        "TAKE_PROFIT_MARKET" => ConditionalOrderType.TakeProfitMarket,
        "TRAILING_STOP_MARKET" => ConditionalOrderType.TrailingStopMarket,
        "STOP" => ConditionalOrderType.Stop,
        "TAKE_PROFIT" => ConditionalOrderType.TakeProfit,
        _ => throw new FormatException($"Unknown conditional order type '{type}'."),
    };

    public static TimeInForce? ParseTimeInForce(string? tif) => tif switch
    {
        "GTC" => TimeInForce.GoodTillCanceled,
        "IOC" => TimeInForce.ImmediateOrCancel,
        "FOK" => TimeInForce.FillOrKill,
        "GTX" => TimeInForce.PostOnly,
        "GTD" => TimeInForce.GoodTillDate,
        _ => null,
    };

    public static string TimeInForceName(TimeInForce tif) => tif switch
    {
        TimeInForce.GoodTillCanceled => "GTC",
        TimeInForce.ImmediateOrCancel => "IOC",
        TimeInForce.FillOrKill => "FOK",
        TimeInForce.PostOnly => "GTX",
        TimeInForce.GoodTillDate => "GTD",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, null),
    };

    public static WorkingType ParseWorkingType(string? type) =>
        type == "CONTRACT_PRICE" ? WorkingType.ContractPrice : WorkingType.MarkPrice;

    public static string WorkingTypeName(WorkingType type) =>
        type == WorkingType.ContractPrice ? "CONTRACT_PRICE" : "MARK_PRICE";

    public static PositionSide ParsePositionSide(string? side) => side switch
    {
        "LONG" => PositionSide.Long,
        "SHORT" => PositionSide.Short,
        _ => PositionSide.Both,
    };

    /// <summary>Binance spells it "isolated"/"cross" in positions and ISOLATED/CROSSED in requests.</summary>
    public static MarginType ParseMarginType(string? type) =>
        string.Equals(type, "isolated", StringComparison.OrdinalIgnoreCase) ? MarginType.Isolated : MarginType.Cross;

    public static string MarginTypeName(MarginType type) => type == MarginType.Isolated ? "ISOLATED" : "CROSSED";

    public static OrderListStatus ParseListOrderStatus(string? status) => status switch
    {
        "EXECUTING" => OrderListStatus.Executing,
        "ALL_DONE" => OrderListStatus.AllDone,
        "REJECT" => OrderListStatus.Rejected,
        _ => throw new FormatException($"Unknown list order status '{status}'."),
    };
}
