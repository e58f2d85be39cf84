using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Orders.IntentProtocol;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Positions;

public sealed partial class Position
{
    private void OnIntentReport(IntentReport report)
    {
        if (report.Id == _data.EntryIntent)
        {
            OnEntryReport(report);
        }
        else if (report.Id == _data.ExitIntent)
        {
            OnExitReport(report);
        }
        else if (report.Id == RollbackIntentId)
        {
            if (report.Status is not (IntentStatus.Working or IntentStatus.New))
            {
                StartFlatnessCheck();
            }
        }
        else if (report.Spec is OrderIntentSpec.Stop or OrderIntentSpec.Bracket or OrderIntentSpec.TakeProfit)
        {
            // Every stop, bracket or take profit of this position, the current one or an older one: an older one
            // whose order filled late (after it was replaced) still closed the position on the exchange.
            OnProtectionReport(report);
        }
    }

    private void OnEntryReport(IntentReport report)
    {
        if (_data.State != PositionState.PendingEntry)
        {
            return;
        }

        switch (report.Status)
        {
            case IntentStatus.Completed when report.FilledQuantity > 0m:
                Record(new EntryFilled(report.FilledQuantity - report.BaseFees, report.AveragePrice, report.Fees, "order", Now), EnsureProtected);
                break;
            case IntentStatus.Completed or IntentStatus.Failed:
                Record(new EntryFailed(report.Reason, Now), AfterTerminal);
                break;
            case IntentStatus.Unresolved when report.FilledQuantity > 0m:
                Record(new EntryFilled(report.FilledQuantity - report.BaseFees, report.AveragePrice, report.Fees, "order", Now), EnsureProtected);
                break;
            case IntentStatus.Unresolved when _verifyUntil == default:
                // Unknown is not failure: ask the other sources until the deadline (a late stream fill still counts).
                _verifyUntil = Now + _settings.EntryVerificationDeadline;
                _verifyAttempt = 0;
                Self.Tell(new VerifyEntry());
                break;
        }
    }

    private void OnVerifyEntry()
    {
        if (_data.State != PositionState.PendingEntry)
        {
            return;
        }

        if (_market.Futures is not { } futures)
        {
            // Spot has no position to ask for: the intent keeps listening for the fill until the deadline.
            if (Now >= _verifyUntil)
            {
                VerifyEntryDeadlinePassed();
            }
            else
            {
                Timers.StartSingleTimer("verify-entry", new VerifyEntry(), _verifyUntil - Now);
            }

            return;
        }

        var self = Self;
        futures.GetPositionsAsync(_data.Symbol).PipeTo(
            self,
            success: positions => positions.FirstOrDefault(p => p.Symbol == _data.Symbol) is { } p
                ? new ExchangePositionSeen(p.Quantity, p.EntryPrice, null)
                : new ExchangePositionSeen(0m, 0m, null),
            failure: e => new ExchangePositionSeen(null, 0m, e));
    }

    private void OnExchangePositionSeen(ExchangePositionSeen seen)
    {
        if (_data.State != PositionState.PendingEntry)
        {
            return;
        }

        var ours = seen.Quantity is { } quantity && Math.Sign(quantity) == (int)_data.Direction.Sign() ? Math.Abs(quantity) : 0m;
        if (ours > 0m)
        {
            Record(new EntryFilled(Math.Min(ours, _data.RequestedQuantity), seen.EntryPrice, 0m, "position-query", Now), EnsureProtected);
            return;
        }

        if (Now >= _verifyUntil)
        {
            VerifyEntryDeadlinePassed();
            return;
        }

        var delay = RetryDelay(Math.Min(_verifyAttempt++, 5));
        Timers.StartSingleTimer("verify-entry", new VerifyEntry(), delay);
    }

    /// <summary>
    /// No source saw the entry fill before the deadline: roll back. On futures a reduce-only market order makes
    /// sure nothing is left open (it is refused if there is nothing to reduce), then flatness is verified.
    /// </summary>
    private void VerifyEntryDeadlinePassed()
    {
        Record(new EntryRolledBack("entry outcome unconfirmed at the deadline", Now), () =>
        {
            if (_market.Market == Market.Futures)
            {
                ToIntent(new SubmitIntent(RollbackIntentId, new OrderIntentSpec.Trade
                {
                    Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.ExitSide(), Quantity = _data.RequestedQuantity,
                    Policy = new ExecutionPolicy.Market(), ReduceOnly = true,
                }, _id));
            }
            else
            {
                Alert(AlertSeverity.Warning, $"spot entry {_data.EntryIntent} outcome unknown; the reconciler will settle it");
                AfterTerminal();
            }
        });
    }

    private void OnExitReport(IntentReport report)
    {
        if (_data.State != PositionState.PendingClosing)
        {
            return;
        }

        var left = _data.Quantity - report.FilledQuantity;
        var fullyClosed = report.FilledQuantity > 0m && (left <= 0m || left < _market.MinQuantity(_data.Symbol));
        switch (report.Status)
        {
            case IntentStatus.Completed when fullyClosed:
                ClosedBy(_data.CloseReason ?? CloseReason.Manual, report.FilledQuantity, report.AveragePrice, report.Fees);
                break;
            case IntentStatus.Completed when report.FilledQuantity > 0m:
                // A partial exit: that part's profit is realized, the rest is still open and is closed again at market.
                var part = (_data.Direction.Sign() * (report.AveragePrice - _data.EntryPrice) * report.FilledQuantity) - report.Fees;
                Record(new ExitPartiallyFilled(report.FilledQuantity, report.AveragePrice, report.Fees, part, Now));
                Record(new CloseFailed($"exit filled {report.FilledQuantity} of {_data.Quantity}", Now), () => RetryClose());
                break;
            case IntentStatus.Completed or IntentStatus.Failed:
                Record(new CloseFailed(report.Reason, Now), () =>
                {
                    // The close was asked for: an exit that failed, or never reached the exchange, is tried again.
                    if (_data.CloseAttempts < _settings.MaxCloseAttempts)
                    {
                        RetryClose();
                        return;
                    }

                    Alert(AlertSeverity.Critical, $"position still open after {_data.CloseAttempts} close attempts ({report.Reason})");
                    EnsureProtected();
                    if (_market.Market == Market.Spot && _data.Protections.Count == 0 && _data.StopPrice is { } stop)
                    {
                        ArmStop(stop);
                    }
                });
                break;
            case IntentStatus.Unresolved:
                Alert(AlertSeverity.Critical, $"exit {report.Id} outcome unknown: {report.Reason}; the reconciler will settle it");
                break;
        }
    }

    private void RetryClose()
    {
        if (_data.CloseAttempts >= _settings.MaxCloseAttempts)
        {
            Alert(AlertSeverity.Critical, $"position still open after {_data.CloseAttempts} close attempts");
            return;
        }

        Self.Tell(new ClosePosition(_id, _data.CloseReason ?? CloseReason.Manual, new ExecutionPolicy.Market()));
    }

    private void OnProtectionReport(IntentReport report)
    {
        var known = _data.Protections.Values.FirstOrDefault(p => p.Intent == report.Id);
        switch (report.Status)
        {
            case IntentStatus.Armed when known is null && !_data.IsOpen:
                // Armed after the position ended (a close raced the stop): it protects nothing, so it goes.
                ToIntent(new CancelIntent(report.Id));
                break;

            case IntentStatus.Armed when known is null && report.ProtectionLeg is { } leg:
                var kind = leg.Protection!.Value;
                if (kind != ProtectionKind.TakeProfit)
                {
                    _pendingStop = null;
                }

                Record(new ProtectionArmed(report.Id, kind, leg.ClientOrderId, leg.Price ?? _pendingStopPrice ?? 0m, Now), () =>
                {
                    ReplaceOlderStops();
                    EnsureTakeProfit();
                });
                if (kind == ProtectionKind.GuardStop)
                {
                    Alert(AlertSeverity.Warning, $"{_data.Symbol} cannot hold a stop order; a local guard stop watches the price");
                }

                break;

            case IntentStatus.Completed when report.FilledQuantity > 0m && _data.IsOpen:
                // The exchange (or the guard) closed the position.
                var reason = _data.TrailingDistance is not null && known?.Kind is ProtectionKind.Stop ? CloseReason.TrailingStop
                    : _data.Direction.Sign() * (report.AveragePrice - _data.EntryPrice) > 0m ? CloseReason.TakeProfit
                    : CloseReason.StopLoss;
                var cancelled = known is null ? null : new ProtectionCancelled(known.ClientOrderId, Now);
                if (cancelled is not null)
                {
                    Record(cancelled);
                }

                ClosedBy(reason, report.FilledQuantity, report.AveragePrice, report.Fees);
                break;

            case IntentStatus.Completed or IntentStatus.Failed when known is not null:
                Record(new ProtectionCancelled(known.ClientOrderId, Now), () =>
                {
                    if (_data.State == PositionState.PendingClosing && _data.Protections.Count == 0)
                    {
                        ProceedWithExit(_exitPolicy ?? _settings.ExitPolicy);
                    }
                    else if (_data.State.IsTerminal() && _data.Protections.Count == 0)
                    {
                        AfterTerminal();
                    }
                    else
                    {
                        EnsureProtected();
                    }
                });
                break;

            case IntentStatus.Failed when report.Id == TakeProfitIntentId && known is null && _data.State == PositionState.Active
                                          && report.Reason.Contains("-2021", StringComparison.Ordinal):
                // The target is already reached (the price moved past it while the order travelled): take it now.
                Self.Tell(new ClosePosition(_id, CloseReason.TakeProfit, new ExecutionPolicy.Market()));
                break;

            case IntentStatus.Failed when report.Id == TakeProfitIntentId && known is null:
                Alert(AlertSeverity.Warning, $"take profit refused ({report.Reason}); the stop still protects the position");
                break;

            case IntentStatus.Unresolved when report.Id == _pendingStop:
                // The stop's outcome is unknown: a second, known stop is better than none (both are reduce-only).
                _pendingStop = null;
                Record(new ProtectionFailed(report.Id, $"outcome unknown: {report.Reason}", Now), () =>
                {
                    Alert(AlertSeverity.Critical, $"stop {report.Id} outcome unknown ({report.Reason}); placing another");
                    Timers.StartSingleTimer("retry-stop", new RetryStop(), _settings.VerificationBackoff);
                });
                break;

            case IntentStatus.Failed or IntentStatus.Completed when report.Id == _pendingStop:
                // Refused, or ended without arming (never placed, or cancelled before its acceptance was journaled).
                _pendingStop = null;
                var move = _data is { ActiveStop: { } current, RequestedStop: { } requested } ? new RetryMove(requested, current.ClientOrderId) : null;
                Record(new ProtectionFailed(report.Id, report.Reason, Now), () =>
                {
                    if (_data.State == PositionState.Active && report.Reason.Contains("-2021", StringComparison.Ordinal))
                    {
                        // The stop would trigger at once: the price is already through it.
                        Self.Tell(new ClosePosition(_id, CloseReason.StopLoss, new ExecutionPolicy.Market()));
                    }
                    else if (_data.ActiveStop is null && _data.IsOpen)
                    {
                        Alert(AlertSeverity.Critical, $"position is unprotected: stop refused ({report.Reason})");
                        if (_data.StopFailures < MaxStopFailures)
                        {
                            Timers.StartSingleTimer("retry-stop", new RetryStop(), RetryDelay(_data.StopFailures));
                        }
                    }
                    else if (move is not null && _data.State == PositionState.Active)
                    {
                        // An accepted move must not vanish: the old stop still protects, and the move is tried again.
                        Alert(AlertSeverity.Warning, $"stop move to {move.StopPrice} failed ({report.Reason}); the stop stays at {_data.ActiveStop?.TriggerPrice}");
                        if (_data.StopFailures < MaxStopFailures)
                        {
                            Timers.StartSingleTimer(nameof(RetryMove), move, RetryDelay(_data.StopFailures));
                        }
                    }
                });
                break;
        }
    }

    /// <summary>Invariant 3: the new stop is on the exchange before the old ones are cancelled.</summary>
    private void ReplaceOlderStops()
    {
        var newest = _data.ActiveStop;
        foreach (var old in _data.Protections.Values.Where(p => p != newest && p.Kind != ProtectionKind.TakeProfit))
        {
            ToIntent(new CancelIntent(old.Intent));
        }
    }

    private void ClosedBy(CloseReason reason, decimal quantity, decimal exitPrice, decimal exitFees)
    {
        // Entry fees are charged once, here; earlier partial exits realized their own part with their own fees.
        var gross = _data.Direction.Sign() * (exitPrice - _data.EntryPrice) * quantity;
        var realized = gross - _data.EntryFees - exitFees;
        Record(new PositionClosed(reason, quantity, exitPrice, exitFees, realized, Now), () =>
        {
            Context.System.EventStream.Publish(new PositionClosedNotice(_id, _data.Market, _data.Symbol, _data.RealizedPnl, Now));
            AfterTerminal();
        });
    }

    /// <summary>After the end: cancel what still protects, check the exchange is flat, then leave memory.</summary>
    private void AfterTerminal()
    {
        if (_data.Protections.Count > 0)
        {
            CancelProtections();
            return;
        }

        if (_market.Market == Market.Futures && _data.VerifiedFlat is null && _data.State != PositionState.EntryFailed)
        {
            StartFlatnessCheck();
            return;
        }

        Context.SetReceiveTimeout(_settings.PassivateAfter);
    }

    private void StartFlatnessCheck()
    {
        if (_verifyingFlat || _data.VerifiedFlat is not null)
        {
            return;
        }

        _verifyingFlat = true;
        _verifyAttempt = 0;
        Self.Tell(new VerifyFlat());
    }

    private void OnVerifyFlat()
    {
        var self = Self;
        _market.Futures!.GetPositionsAsync(_data.Symbol).PipeTo(
            self,
            success: positions => new FlatnessSeen(positions.Where(p => p.Symbol == _data.Symbol).Sum(p => p.Quantity), null),
            failure: e => new FlatnessSeen(null, e));
    }

    private void OnFlatnessSeen(FlatnessSeen seen)
    {
        if (seen.Quantity is not { } quantity)
        {
            // Unknown is not flat: the check goes on (an exchange that bans us or fails for minutes answers again),
            // and an operator hears of it once it has taken a while.
            if (++_verifyAttempt == FlatnessAttemptsBeforeAlert)
            {
                Alert(AlertSeverity.Warning, $"cannot verify yet that {_data.Symbol} is flat ({seen.Error?.Message}); still trying");
            }

            Timers.StartSingleTimer("verify-flat", new VerifyFlat(), RetryDelay(_verifyAttempt));
            return;
        }

        _verifyingFlat = false;
        Record(new FlatnessChecked(quantity == 0m, quantity, Now), () =>
        {
            if (quantity != 0m)
            {
                Alert(AlertSeverity.Critical, $"{_data.Symbol} is not flat after {_data.State}: {quantity} remains on the exchange");
            }

            AfterTerminal();
        });
    }
}
