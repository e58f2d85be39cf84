using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>
/// How answers settle an intent's legs: the answer to a placement or a query, the retries of a query that found
/// nothing, and the answer to a cancel. No actor, no I/O. An unknown outcome is never taken for a rejection, and a
/// lagging venue's "not found" is evidence of absence only after every retry.
/// </summary>
public static class LegSettlement
{
    /// <summary>What the answer <paramref name="outcome"/> (an order, algo order or order list outcome) says about <paramref name="leg"/>.</summary>
    public static LegVerdict Classify(LegData leg, object outcome, bool isQuery)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.Status is not null && outcome is OrderOutcome.Unknown or AlgoOrderOutcome.Unknown or OrderListOutcome.Unknown)
        {
            // Another source (the stream, an earlier query) already saw the order: a late "unknown" adds nothing.
            return LegVerdict.NothingNew.Instance;
        }

        return outcome switch
        {
            OrderOutcome.Accepted accepted => FromOrder(accepted.Order),
            AlgoOrderOutcome.Accepted algo => FromAlgo(leg, algo.Order),
            // A list that is no longer executing has ended as a whole (cancelled, or one order filled and the other
            // expired): its own orders' legs carry any execution.
            OrderListOutcome.Accepted { OrderList.Status: not OrderListStatus.Executing } when leg.Protection is not null =>
                new LegVerdict.Progressed(OrderStatus.Canceled, 0m, 0m),
            OrderListOutcome.Accepted => LegVerdict.ListAccepted.Instance,

            // A refused query (not found, throttled, clock skew) says nothing about the order itself.
            OrderOutcome.Rejected or AlgoOrderOutcome.Rejected or OrderListOutcome.Rejected when isQuery || leg.IsUnknown =>
                new LegVerdict.QueryAgain("not found or not answered", IsNotFound(outcome)),
            OrderOutcome.Rejected r => new LegVerdict.Rejected(r.Code, r.Message),
            AlgoOrderOutcome.Rejected r => new LegVerdict.Rejected(r.Code, r.Message),
            OrderListOutcome.Rejected r => new LegVerdict.Rejected(r.Code, r.Message),
            OrderOutcome.Unknown u => new LegVerdict.Unknown(u.Reason),
            AlgoOrderOutcome.Unknown u => new LegVerdict.Unknown(u.Reason),
            OrderListOutcome.Unknown u => new LegVerdict.Unknown(u.Reason),
            _ => throw new ArgumentException($"Not an order outcome: {outcome?.GetType().Name}.", nameof(outcome)),
        };
    }

    public static LegVerdict.Progressed FromOrder(OrderSnapshot order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Status, order.ExecutedQuantity, order.AveragePrice, order.OrderId);
    }

    /// <summary>
    /// An algo order as a leg's progress: triggered counts as filled for the leg's whole quantity, at the trigger price
    /// provisionally (the trades of the order the trigger created settle the real one).
    /// </summary>
    public static LegVerdict.Progressed FromAlgo(LegData leg, AlgoOrderSnapshot order)
    {
        ArgumentNullException.ThrowIfNull(leg);
        ArgumentNullException.ThrowIfNull(order);
        var status = order.Status switch
        {
            AlgoOrderStatus.Finished or AlgoOrderStatus.Triggered => OrderStatus.Filled,
            AlgoOrderStatus.Canceled => OrderStatus.Canceled,
            AlgoOrderStatus.Rejected => OrderStatus.Rejected,
            AlgoOrderStatus.Expired => OrderStatus.Expired,
            _ => OrderStatus.New,
        };
        var filled = status == OrderStatus.Filled;
        return new(status, filled ? leg.Quantity : 0m, filled ? order.TriggerPrice : 0m, order.TriggeredOrderId);
    }

    /// <summary>
    /// Updates arrive from the stream and from queries in any order: only news is journaled, and a final status is
    /// never replaced by an older, working one.
    /// </summary>
    public static bool IsNews(LegData leg, OrderStatus status, decimal executedQuantity)
    {
        ArgumentNullException.ThrowIfNull(leg);
        return !(executedQuantity < leg.ExecutedQuantity
            || (executedQuantity == leg.ExecutedQuantity && status == leg.Status && !leg.IsUnknown)
            || (leg.IsTerminal && !IsFinal(status)));
    }

    /// <summary>After query <paramref name="attempt"/> (from 1) did not settle the leg.</summary>
    /// <param name="notFound">The last answer was "order does not exist".</param>
    /// <param name="notOpen">A cancel of the leg was answered "unknown order" (it is no longer open).</param>
    public static QueryVerdict AfterQuery(LegData leg, int attempt, int maxAttempts, TimeSpan backoff, bool notFound, bool notOpen)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (attempt <= maxAttempts)
        {
            return new QueryVerdict.AskAgain(backoff * Math.Pow(2, attempt - 1));
        }

        if (leg.IsUnknown)
        {
            return QueryVerdict.Unresolved.Instance;
        }

        if (leg.Status is null)
        {
            return QueryVerdict.NeverPlaced.Instance;
        }

        return notFound && notOpen ? QueryVerdict.EndedAsCancelled.Instance : QueryVerdict.WaitForStream.Instance;
    }

    /// <summary>The answer to cancelling one of the intent's own legs, as it bears on the target leg.</summary>
    public static CancelVerdict AfterCancel(LegData target, object outcome)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsTerminal && !IsAccepted(outcome))
        {
            return CancelVerdict.AlreadyEnded.Instance;
        }

        return outcome switch
        {
            OrderOutcome.Accepted accepted => new CancelVerdict.Settled(FromOrder(accepted.Order)),
            AlgoOrderOutcome.Accepted algo => new CancelVerdict.Settled(FromAlgo(target, algo.Order)),
            OrderListOutcome.Accepted => new CancelVerdict.Settled(new LegVerdict.Progressed(OrderStatus.Canceled, 0m, 0m)),
            OrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent }
                or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent }
                or OrderListOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent } => CancelVerdict.NotOpen.Instance,
            _ => CancelVerdict.AskAndCancelAgain.Instance,
        };
    }

    /// <summary>The answer to a cancel intent's order (cancelling an order for the reconciler) is its whole result.</summary>
    public static IntentStep.Finish AfterCancelIntent(object outcome) => outcome switch
    {
        OrderOutcome.Accepted or AlgoOrderOutcome.Accepted => new(IntentStatus.Completed, "cancelled"),
        OrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent } or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent } =>
            new(IntentStatus.Completed, "nothing to cancel"),
        OrderOutcome.Rejected r => new(IntentStatus.Failed, $"cancel rejected {r.Code}: {r.Message}"),
        AlgoOrderOutcome.Rejected r => new(IntentStatus.Failed, $"cancel rejected {r.Code}: {r.Message}"),
        _ => new(IntentStatus.Unresolved, "cancel outcome unknown"),
    };

    public static bool IsAccepted(object outcome) => outcome is OrderOutcome.Accepted or AlgoOrderOutcome.Accepted or OrderListOutcome.Accepted;

    /// <summary>The query shows the order still working on the exchange.</summary>
    public static bool IsStillOpen(object outcome) => outcome switch
    {
        OrderOutcome.Accepted accepted => !IsFinal(accepted.Order.Status),
        AlgoOrderOutcome.Accepted algo => algo.Order.Status is AlgoOrderStatus.New,
        OrderListOutcome.Accepted list => list.OrderList.Status == OrderListStatus.Executing,
        _ => false,
    };

    public static bool IsNotFound(object outcome) => outcome is OrderOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist }
        or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist }
        or OrderListOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist };

    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.ExpiredInMatch;
}
