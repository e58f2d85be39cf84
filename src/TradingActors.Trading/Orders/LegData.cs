using TradingActors.Exchange;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Orders;

/// <summary>One exchange order of an intent as journaled.</summary>
public sealed record LegData(string Leg, ClientOrderId ClientOrderId, LegKind Kind, OrderSide Side, decimal Quantity, decimal? Price)
{
    public OrderStatus? Status { get; init; }
    public decimal ExecutedQuantity { get; init; }
    public decimal AveragePrice { get; init; }

    /// <summary>Commissions of the recorded fills, valued in the quote asset.</summary>
    public decimal Fees { get; init; }

    /// <summary>Commissions taken from the base asset (spot buys).</summary>
    public decimal BaseFees { get; init; }

    /// <summary>The exchange's id of the order (for an algo order, of the order its trigger created).</summary>
    public long? OrderId { get; init; }
    public IReadOnlySet<long> TradeIds { get; init; } = new HashSet<long>();
    public decimal FilledByTrades { get; init; }
    public decimal TradedNotional { get; init; }
    public int? RejectCode { get; init; }
    public string? RejectMessage { get; init; }

    /// <summary>Sent, and no answer settled what happened to it.</summary>
    public bool IsUnknown { get; init; }
    public ProtectionKind? Protection { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public decimal? TriggerPrice { get; init; }

    /// <summary>The order reports executions whose trades (prices, commissions) have not all been recorded yet.</summary>
    public bool AwaitsTrades => Kind != LegKind.Cancel && ExecutedQuantity > FilledByTrades;

    /// <summary>The price the trades say, once they cover the execution; before that, what the order reports.</summary>
    public decimal ExecutionPrice => FilledByTrades > 0m && !AwaitsTrades ? TradedNotional / FilledByTrades : AveragePrice;

    public bool IsTerminal => RejectCode is not null
        || Status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.ExpiredInMatch;
}
