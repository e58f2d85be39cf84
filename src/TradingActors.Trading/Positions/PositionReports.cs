using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Trading.Positions;

/// <summary>
/// What a report of a position's entry, exit or protection intent leads to: the events to journal and what follows.
/// No actor, no I/O. Where what follows depends on the state after the events, it is decided on that state
/// (<see cref="PositionData.Apply"/> is pure), exactly as the actor sees it once they are journaled.
/// </summary>
public static class PositionReports
{
    /// <summary>
    /// The entry intent reported. An entry filled by any amount is active; one certainly not filled failed; an unknown
    /// outcome is not failure: the other sources are asked until the deadline (<paramref name="verifying"/> once started).
    /// </summary>
    public static ReportDecision OnEntry(PositionData data, IntentReport report, bool verifying, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        if (data.State == PositionState.Active && report.Status is IntentStatus.Completed or IntentStatus.Unresolved)
        {
            return RestOfEntry(data, report, now);
        }

        if (data.State != PositionState.PendingEntry)
        {
            return ReportDecision.Nothing;
        }

        return report.Status switch
        {
            IntentStatus.Completed or IntentStatus.Unresolved when report.FilledQuantity > 0m => new(
                [new EntryFilled(report.FilledQuantity - report.BaseFees, report.AveragePrice, report.Fees, "order", now)], [PositionAction.EnsureProtected.Instance]),
            IntentStatus.Completed or IntentStatus.Failed => new([new EntryFailed(report.Reason, now)], [PositionAction.AfterTerminal.Instance]),
            IntentStatus.Unresolved when !verifying => new([], [PositionAction.VerifyEntry.Instance]),
            _ => ReportDecision.Nothing,
        };
    }

    /// <summary>
    /// Another source (the exchange's position) confirmed the entry while its intent was still working (a TWAP between
    /// slices, after a restart): what the intent executed beyond what was recorded is the rest of the entry, at the price
    /// the rest was bought at. A reconciler's correction that already counted it leaves nothing to add.
    /// </summary>
    private static ReportDecision RestOfEntry(PositionData data, IntentReport report, DateTimeOffset now)
    {
        var net = report.FilledQuantity - report.BaseFees;
        var rest = Math.Min(net - data.EnteredQuantity, net - data.Quantity);
        if (rest <= 0m)
        {
            return ReportDecision.Nothing;
        }

        var restPrice = ((report.AveragePrice * net) - (data.EntryPrice * data.EnteredQuantity)) / rest;
        return new([new EntryFilled(rest, restPrice > 0m ? restPrice : report.AveragePrice, Math.Max(report.Fees - data.EntryFees, 0m), "order", now)], []);
    }

    /// <summary>
    /// The exit intent reported. Filled (to within the venue's minimum quantity) closes the position; a partial fill
    /// realizes that part and closes the rest again; a failure is retried up to <see cref="PositionSettings.MaxCloseAttempts"/>;
    /// an unknown outcome is the reconciler's to settle.
    /// </summary>
    public static ReportDecision OnExit(PositionData data, IntentReport report, decimal minQuantity, PositionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);
        if (data.State != PositionState.PendingClosing)
        {
            return ReportDecision.Nothing;
        }

        var left = data.Quantity - report.FilledQuantity;
        var fullyClosed = report.FilledQuantity > 0m && (left <= 0m || left < minQuantity);
        switch (report.Status)
        {
            case IntentStatus.Completed when fullyClosed:
                return new([Closed(data, data.CloseReason ?? CloseReason.Manual, report, now)], [PositionAction.Closed.Instance]);

            case IntentStatus.Completed when report.FilledQuantity > 0m:
                // A partial exit: that part's profit is realized, the rest is still open and is closed again at market.
                var part = (data.Direction.Sign() * (report.AveragePrice - data.EntryPrice) * report.FilledQuantity) - report.Fees;
                return new(
                    [
                        new ExitPartiallyFilled(report.FilledQuantity, report.AveragePrice, report.Fees, part, now),
                        new CloseFailed($"exit filled {report.FilledQuantity} of {data.Quantity}", now),
                    ],
                    [PositionAction.RetryClose.Instance]);

            case IntentStatus.Completed or IntentStatus.Failed:
                // The close was asked for: an exit that failed, or never reached the exchange, is tried again.
                var failed = new CloseFailed(report.Reason, now);
                var after = After(data, failed);
                if (after.CloseAttempts < settings.MaxCloseAttempts)
                {
                    return new([failed], [PositionAction.RetryClose.Instance]);
                }

                List<PositionAction> giveUp =
                [
                    new PositionAction.Alert(AlertSeverity.Critical, $"position still open after {after.CloseAttempts} close attempts ({report.Reason})"),
                    PositionAction.EnsureProtected.Instance,
                ];
                if (data.Market == Market.Spot && after.Protections.Count == 0 && after.StopPrice is { } stop)
                {
                    giveUp.Add(new PositionAction.ArmStop(stop));
                }

                return new([failed], giveUp);

            case IntentStatus.Unresolved:
                return new([], [new PositionAction.Alert(AlertSeverity.Critical, $"exit {report.Id} outcome unknown: {report.Reason}; the reconciler will settle it")]);

            default:
                return ReportDecision.Nothing;
        }
    }

    /// <summary>
    /// A protection intent reported: armed, fired (the exchange or the guard closed the position), ended, or refused.
    /// <paramref name="pendingStop"/> is the stop intent the position waits on, if any, placed for
    /// <paramref name="pendingStopPrice"/>; <paramref name="takeProfitIntent"/> is the position's take-profit intent.
    /// </summary>
    public static ReportDecision OnProtection(
        PositionData data,
        IntentReport report,
        IntentId? pendingStop,
        decimal? pendingStopPrice,
        IntentId takeProfitIntent,
        int maxStopFailures,
        PositionSettings settings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);
        var known = data.Protections.Values.FirstOrDefault(p => p.Intent == report.Id);
        switch (report.Status)
        {
            case IntentStatus.Armed when known is null && !data.IsOpen:
                // Armed after the position ended (a close raced the stop): it protects nothing, so it goes.
                return new([], [new PositionAction.CancelIntent(report.Id)]);

            case IntentStatus.Armed when known is null && report.ProtectionLeg is { } leg:
                var kind = leg.Protection!.Value;
                List<PositionAction> armed = [PositionAction.ReplaceOlderStops.Instance, PositionAction.EnsureTakeProfit.Instance];
                if (kind == ProtectionKind.GuardStop)
                {
                    armed.Add(new PositionAction.Alert(AlertSeverity.Warning, $"{data.Symbol} cannot hold a stop order; a local guard stop watches the price"));
                }

                // A trailing stop's price is where it starts trailing (0: at once); a stop's is its trigger.
                var price = kind == ProtectionKind.TrailingStop ? leg.Price ?? 0m : leg.Price ?? pendingStopPrice ?? 0m;
                return new(
                    [new ProtectionArmed(report.Id, kind, leg.ClientOrderId, price, now)],
                    armed,
                    SettlesPendingStop: kind is not (ProtectionKind.TakeProfit or ProtectionKind.TrailingStop));

            case IntentStatus.Completed when report.FilledQuantity > 0m && data.IsOpen:
                // The exchange (or the guard) closed the position.
                var reason = known?.Kind is ProtectionKind.TrailingStop ? CloseReason.TrailingStop
                    : data.TrailingDistance is not null && known?.Kind is ProtectionKind.Stop && !TrailingStopPlan.OnExchange(data) ? CloseReason.TrailingStop
                    : data.Direction.Sign() * (report.AveragePrice - data.EntryPrice) > 0m ? CloseReason.TakeProfit
                    : CloseReason.StopLoss;
                var closed = Closed(data, reason, report, now);
                return new(known is null ? [closed] : [new ProtectionCancelled(known.ClientOrderId, now), closed], [PositionAction.Closed.Instance]);

            case IntentStatus.Completed or IntentStatus.Failed when known is not null:
                var cancelled = new ProtectionCancelled(known.ClientOrderId, now);
                var afterCancel = After(data, cancelled);
                PositionAction next = afterCancel.State == PositionState.PendingClosing && afterCancel.Protections.Count == 0 ? PositionAction.ProceedWithExit.Instance
                    : afterCancel.State.IsTerminal() && afterCancel.Protections.Count == 0 ? PositionAction.AfterTerminal.Instance
                    : PositionAction.EnsureProtected.Instance;
                return new([cancelled], [next]);

            case IntentStatus.Failed or IntentStatus.Unresolved when report.Spec is OrderIntentSpec.TrailingStop && known is null && data.IsOpen:
                // The exchange did not take the trailing stop: the fixed stop still protects, and the node trails it.
                return new([], [new PositionAction.TrailLocally($"the exchange did not take the trailing stop ({report.Reason})")]);

            case IntentStatus.Failed when report.Id == takeProfitIntent && known is null && data.State == PositionState.Active
                                          && report.Reason.Contains("-2021", StringComparison.Ordinal):
                // The target is already reached (the price moved past it while the order travelled): take it now.
                return new([], [new PositionAction.Close(CloseReason.TakeProfit)]);

            case IntentStatus.Failed when report.Id == takeProfitIntent && known is null:
                return new([], [new PositionAction.Alert(AlertSeverity.Warning, $"take profit refused ({report.Reason}); the stop still protects the position")]);

            case IntentStatus.Unresolved when report.Id == pendingStop:
                // The stop's outcome is unknown: a second, known stop is better than none (both are reduce-only).
                return new(
                    [new ProtectionFailed(report.Id, $"outcome unknown: {report.Reason}", now)],
                    [
                        new PositionAction.Alert(AlertSeverity.Critical, $"stop {report.Id} outcome unknown ({report.Reason}); placing another"),
                        new PositionAction.RetryStop(settings.VerificationBackoff),
                    ],
                    SettlesPendingStop: true);

            case IntentStatus.Failed or IntentStatus.Completed when report.Id == pendingStop:
                // Refused, or ended without arming (never placed, or cancelled before its acceptance was journaled).
                return new([new ProtectionFailed(report.Id, report.Reason, now)], AfterStopFailed(data, report, maxStopFailures, settings, now), SettlesPendingStop: true);

            default:
                return ReportDecision.Nothing;
        }
    }

    /// <summary>The wait before retry <paramref name="attempt"/> (from 0): doubling from the verification backoff, at most 64 times it.</summary>
    public static TimeSpan RetryDelay(PositionSettings settings, int attempt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.VerificationBackoff * Math.Pow(2, Math.Min(attempt, 6));
    }

    private static List<PositionAction> AfterStopFailed(PositionData data, IntentReport report, int maxStopFailures, PositionSettings settings, DateTimeOffset now)
    {
        var move = data is { ActiveStop: { } current, RequestedStop: { } requested } ? (requested, current.ClientOrderId) : ((decimal, ClientOrderId)?)null;
        var after = After(data, new ProtectionFailed(report.Id, report.Reason, now));
        if (after.State == PositionState.Active && report.Reason.Contains("-2021", StringComparison.Ordinal))
        {
            // The stop would trigger at once: the price is already through it.
            return [new PositionAction.Close(CloseReason.StopLoss)];
        }

        if (after.ActiveStop is null && after.IsOpen)
        {
            List<PositionAction> unprotected = [new PositionAction.Alert(AlertSeverity.Critical, $"position is unprotected: stop refused ({report.Reason})")];
            if (after.StopFailures < maxStopFailures)
            {
                unprotected.Add(new PositionAction.RetryStop(RetryDelay(settings, after.StopFailures)));
            }

            return unprotected;
        }

        if (move is { } retry && after.State == PositionState.Active)
        {
            // An accepted move must not vanish: the old stop still protects, and the move is tried again.
            List<PositionAction> moveFailed =
            [
                new PositionAction.Alert(AlertSeverity.Warning, $"stop move to {retry.Item1} failed ({report.Reason}); the stop stays at {after.ActiveStop?.TriggerPrice}"),
            ];
            if (after.StopFailures < maxStopFailures)
            {
                moveFailed.Add(new PositionAction.RetryMove(retry.Item1, retry.Item2, RetryDelay(settings, after.StopFailures)));
            }

            return moveFailed;
        }

        return [];
    }

    /// <summary>
    /// The state once <paramref name="evt"/> is journaled. The actor refuses an event its state machine does not list (and
    /// then does nothing that follows it), so the state stays as it is.
    /// </summary>
    private static PositionData After(PositionData data, IPositionEvent evt) =>
        PositionTransitions.TryNext(data.State, evt, out _) ? data.Apply(evt) : data;

    /// <summary>Entry fees are charged once, here; earlier partial exits realized their own part with their own fees.</summary>
    private static PositionClosed Closed(PositionData data, CloseReason reason, IntentReport report, DateTimeOffset now)
    {
        var gross = data.Direction.Sign() * (report.AveragePrice - data.EntryPrice) * report.FilledQuantity;
        return new PositionClosed(reason, report.FilledQuantity, report.AveragePrice, report.Fees, gross - data.EntryFees - report.Fees, now);
    }
}
