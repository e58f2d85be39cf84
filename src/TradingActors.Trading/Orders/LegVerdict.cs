using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>What an answer about a leg's order (its placement's answer, a query's, a stream update) settles.</summary>
public abstract record LegVerdict
{
    /// <summary>The order as last seen; journaled if it is news (<see cref="LegSettlement.IsNews"/>).</summary>
    public sealed record Progressed(OrderStatus Status, decimal ExecutedQuantity, decimal AveragePrice, long? OrderId = null) : LegVerdict;

    /// <summary>The OCO is on the exchange.</summary>
    public sealed record ListAccepted : LegVerdict
    {
        public static readonly ListAccepted Instance = new();
    }

    /// <summary>The venue refused the order: it certainly does not exist.</summary>
    public sealed record Rejected(int Code, string Message) : LegVerdict;

    /// <summary>The answer never came (timeout, 5xx): the order may or may not exist; querying starts.</summary>
    public sealed record Unknown(string Reason) : LegVerdict;

    /// <summary>The query was refused or found nothing: ask again (absence is evidence only after every retry).</summary>
    public sealed record QueryAgain(string Reason, bool NotFound) : LegVerdict;

    /// <summary>A late "unknown" about an order another source already saw: it adds nothing.</summary>
    public sealed record NothingNew : LegVerdict
    {
        public static readonly NothingNew Instance = new();
    }
}
