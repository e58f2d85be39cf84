using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>Legs: sending orders, and settling them from answers, queries and the stream (as <see cref="LegSettlement"/> decides).</summary>
public sealed partial class OrderIntent
{
    /// <summary>Journals the leg, then sends it. Nothing leaves the process before the journal has it.</summary>
    private void Send(string legName, LegKind kind, OrderSide side, decimal quantity, decimal? price, Func<ClientOrderId, Task<object>> request, IntentData? submitted = null)
    {
        var clientOrderId = ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, (submitted ?? _data).Id, legName);
        _inFlight.Add(legName);
        var (market, started) = (_market.Market, System.Diagnostics.Stopwatch.GetTimestamp());
        Apply(new OrderSending(legName, clientOrderId, kind, side, quantity, price, Now), () =>
        {
            var self = Self;
            TradingMetrics.OrderSent(market, kind);
            TradingMetrics.OrderHandedOver(market, _data.Owner);
            request(clientOrderId).PipeTo(
                self,
                success: answer => new LegAnswered(legName, TradingMetrics.OrderAnswered(market, kind, answer, started)),
                failure: e => new LegAnswered(legName, TradingMetrics.OrderAnswered(market, kind, new OrderOutcome.Unknown(e.Message), started)));
        }, submitted);
    }

    private void OnLegAnswered(LegAnswered answered)
    {
        _inFlight.Remove(answered.Leg);
        var leg = _data.Leg(answered.Leg);
        if (leg is null)
        {
            return;
        }

        if (leg.Kind == LegKind.Cancel)
        {
            OnCancelAnswered(leg, answered.Outcome);
            return;
        }

        if (answered.IsQuery && _notOpen.Contains(leg.Leg) && LegSettlement.IsStillOpen(answered.Outcome))
        {
            // "Unknown order" came before the order did (a placement that landed late): it is open, so cancel it again.
            _notOpen.Remove(leg.Leg);
            Timers.StartSingleTimer($"recancel-{leg.Leg}", new Recancel(leg.Leg), Settings.UnknownQueryBackoff);
        }

        if (answered.IsQuery && _cancelIfOpen.Contains(leg.Leg) && LegSettlement.IsAccepted(answered.Outcome))
        {
            // The cancel a crash left unanswered did not take (or never left): the leg is still open, so cancel it again.
            _cancelIfOpen.Remove(leg.Leg);
            if (LegSettlement.IsStillOpen(answered.Outcome))
            {
                SendCancel(leg);
            }
        }

        switch (LegSettlement.Classify(leg, answered.Outcome, answered.IsQuery))
        {
            case LegVerdict.NothingNew:
                Drive();
                break;
            case LegVerdict.Progressed progressed:
                Progress(leg, progressed);
                break;
            case LegVerdict.ListAccepted:
                OnListAccepted(leg);
                break;
            case LegVerdict.QueryAgain again:
                RetryQuery(leg, again.Reason, again.NotFound);
                break;
            case LegVerdict.Rejected rejected:
                OnRejected(leg, rejected.Code, rejected.Message);
                break;
            case LegVerdict.Unknown unknown:
                OnUnknown(leg, unknown.Reason);
                break;
        }
    }

    private void OnCancelAnswered(LegData cancel, object outcome)
    {
        if (_data.Spec is OrderIntentSpec.Cancel)
        {
            // Cancelling a foreign order for the reconciler: the answer is the whole result.
            Carry(LegSettlement.AfterCancelIntent(outcome));
            return;
        }

        // Cancelling one of our own legs: the answer (or a query) settles the target leg, as it stands once the
        // answer is journaled (the stream may have ended it meanwhile).
        Apply(new OrderProgressed(cancel.Leg, OrderStatus.Canceled, 0m, 0m, 0m, Now), () =>
        {
            var target = _data.Leg(IntentLegs.TargetOf(cancel.Leg));
            if (_exitAfterCancel && LegSettlement.IsAccepted(outcome))
            {
                // The guard's exit is journaled before the stop's end, so the end does not finish the intent while the
                // exit is still to come (a finished intent's later fill would not close the position).
                _exitAfterCancel = false;
                Carry(IntentPlanner.GuardExit(_data));
            }

            switch (target is null ? null : LegSettlement.AfterCancel(target, outcome))
            {
                case CancelVerdict.Settled settled:
                    Progress(target!, settled.Target);
                    break;
                case CancelVerdict.AlreadyEnded:
                    AfterProgress(target!.Leg);
                    break;
                case CancelVerdict.NotOpen:
                    _notOpen.Add(target!.Leg);
                    Self.Tell(new QueryLeg(target.Leg));
                    break;
                case CancelVerdict.AskAndCancelAgain:
                    Self.Tell(new QueryLeg(target!.Leg));
                    Timers.StartSingleTimer($"recancel-{target.Leg}", new Recancel(target.Leg), Settings.UnknownQueryBackoff);
                    break;
            }

        });
    }

    private void OnUnknown(LegData leg, string reason)
    {
        if (!leg.IsUnknown)
        {
            Apply(new OrderOutcomeUnknown(leg.Leg, reason, Now), () => RetryQuery(_data.Leg(leg.Leg)!, reason));
        }
        else
        {
            RetryQuery(leg, reason);
        }
    }

    private void RetryQuery(LegData leg, string reason, bool notFound = false)
    {
        var attempt = _queryAttempts.GetValueOrDefault(leg.Leg) + 1;
        _queryAttempts[leg.Leg] = attempt;
        switch (LegSettlement.AfterQuery(leg, attempt, Settings.UnknownQueryAttempts, Settings.UnknownQueryBackoff, notFound, _notOpen.Contains(leg.Leg)))
        {
            case QueryVerdict.AskAgain again:
                Timers.StartSingleTimer($"query-{leg.Leg}", new QueryLeg(leg.Leg), again.Delay);
                break;
            case QueryVerdict.Unresolved:
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) is still unknown after {Attempts} queries; leaving it to the reconciler",
                    Id, leg.Leg, leg.ClientOrderId, attempt - 1);
                Apply(new IntentFinished(IntentStatus.Unresolved, $"leg {leg.Leg}: {reason}", Now));
                break;
            case QueryVerdict.NeverPlaced:
                OnRejected(leg, ExchangeErrorCodes.OrderDoesNotExist, "order not found after repeated queries");
                break;
            case QueryVerdict.EndedAsCancelled:
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) is neither open nor found on the exchange; it ended with {Executed} executed",
                    Id, leg.Leg, leg.ClientOrderId, leg.ExecutedQuantity);
                Progress(leg, new LegVerdict.Progressed(OrderStatus.Canceled, leg.ExecutedQuantity, leg.AveragePrice));
                break;
            case QueryVerdict.WaitForStream:
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) was seen but cannot be queried now; waiting for the stream", Id, leg.Leg, leg.ClientOrderId);
                _queryAttempts.Remove(leg.Leg);
                break;
        }
    }

    private void OnQueryLeg(QueryLeg query)
    {
        var leg = _data.Leg(query.Leg);
        if (leg is null || leg.IsTerminal || _inFlight.Contains(leg.Leg))
        {
            return;
        }

        _inFlight.Add(leg.Leg);
        var self = Self;
        Task<object> request = leg.Kind switch
        {
            LegKind.ConditionalStop => Box(_market.Futures!.QueryConditionalOrderAsync(Symbol, leg.ClientOrderId)),
            LegKind.Oco when leg.Leg == IntentLegs.Oco => Box(_market.Spot!.QueryOrderListAsync(leg.ClientOrderId)),
            _ => Box(_market.Exchange.QueryOrderAsync(Symbol, leg.ClientOrderId)),
        };
        request.PipeTo(self, success: answer => new LegAnswered(leg.Leg, answer, IsQuery: true), failure: e => new LegAnswered(leg.Leg, new OrderOutcome.Unknown(e.Message), IsQuery: true));
    }

    private void Progress(LegData leg, LegVerdict.Progressed order)
    {
        if (!LegSettlement.IsNews(leg, order.Status, order.ExecutedQuantity))
        {
            // Nothing new to journal, but what follows from the state may not have happened yet: a crash between
            // journaling a stop's acceptance and establishing it as protection leaves exactly this.
            AfterProgress(leg.Leg);
            return;
        }

        _queryAttempts.Remove(leg.Leg);
        Apply(new OrderProgressed(leg.Leg, order.Status, order.ExecutedQuantity, order.AveragePrice, leg.Fees, Now, order.OrderId ?? leg.OrderId), () => AfterProgress(leg.Leg));
    }

    private void OnRejected(LegData leg, int code, string message)
    {
        _queryAttempts.Remove(leg.Leg);
        Apply(new OrderRejected(leg.Leg, code, message, Now), () => Carry(IntentPlanner.AfterRejection(_data, _data.Leg(leg.Leg)!)));
    }

    private void OnListAccepted(LegData leg)
    {
        if (leg.Protection is null)
        {
            Apply(new OrderProgressed(leg.Leg, OrderStatus.New, 0m, 0m, 0m, Now), () => Carry(new IntentStep.Establish(leg.Leg, ProtectionKind.Oco, leg.Price ?? 0m)));
        }
    }

    private void OnOrderUpdated(OrderUpdated update)
    {
        var leg = _data.Legs.FirstOrDefault(l => l.ClientOrderId == update.Order.ClientOrderId);
        if (leg is null)
        {
            return;
        }

        if (update.LastFill is { } fill && !leg.TradeIds.Contains(fill.TradeId))
        {
            RecordFill(leg, fill, () => Progress(_data.Leg(leg.Leg)!, LegSettlement.FromOrder(update.Order)));
            return;
        }

        Progress(leg, LegSettlement.FromOrder(update.Order));
    }

    private void OnAlgoOrderUpdated(AlgoOrderUpdated update)
    {
        if (_data.Legs.FirstOrDefault(l => l.ClientOrderId == update.Order.ClientAlgoId) is { } leg)
        {
            Progress(leg, LegSettlement.FromAlgo(leg, update.Order));
        }
    }
}
