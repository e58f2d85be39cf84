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
        else if (report.Spec is OrderIntentSpec.Stop or OrderIntentSpec.Bracket or OrderIntentSpec.TakeProfit or OrderIntentSpec.TrailingStop)
        {
            // Every stop, bracket or take profit of this position, the current one or an older one: an older one
            // whose order filled late (after it was replaced) still closed the position on the exchange.
            OnProtectionReport(report);
        }
    }

    private void OnEntryReport(IntentReport report) =>
        Carry(PositionReports.OnEntry(_data, report, verifying: _verifyUntil != default, Now));

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

    private void OnExitReport(IntentReport report) =>
        Carry(PositionReports.OnExit(_data, report, _market.MinQuantity(_data.Symbol), _settings, Now));

    private void RetryClose()
    {
        if (_data.CloseAttempts >= _settings.MaxCloseAttempts)
        {
            Alert(AlertSeverity.Critical, $"position still open after {_data.CloseAttempts} close attempts");
            return;
        }

        Self.Tell(new ClosePosition(_id, _data.CloseReason ?? CloseReason.Manual, new ExecutionPolicy.Market()));
    }

    private void OnProtectionReport(IntentReport report) =>
        Carry(PositionReports.OnProtection(_data, report, _pendingStop, _pendingStopPrice, TakeProfitIntentId, MaxStopFailures, _settings, Now));

    /// <summary>Journals the decision's events, then carries out what follows them.</summary>
    private void Carry(ReportDecision decision)
    {
        if (decision.SettlesPendingStop)
        {
            _pendingStop = null;
        }

        if (decision.Events.Count == 0)
        {
            Carry(decision.Then);
            return;
        }

        for (var i = 0; i < decision.Events.Count - 1; i++)
        {
            Record(decision.Events[i]);
        }

        Record(decision.Events[^1], () => Carry(decision.Then));
    }

    private void Carry(IReadOnlyList<PositionAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case PositionAction.EnsureProtected:
                    EnsureProtected();
                    break;
                case PositionAction.AfterTerminal:
                    AfterTerminal();
                    break;
                case PositionAction.VerifyEntry:
                    // Unknown is not failure: ask the other sources until the deadline (a late stream fill still counts).
                    _verifyUntil = Now + _settings.EntryVerificationDeadline;
                    _verifyAttempt = 0;
                    Self.Tell(new VerifyEntry());
                    break;
                case PositionAction.RetryClose:
                    RetryClose();
                    break;
                case PositionAction.Closed:
                    Context.System.EventStream.Publish(new PositionClosedNotice(_id, _data.Market, _data.Symbol, _data.RealizedPnl, Now));
                    AfterTerminal();
                    break;
                case PositionAction.ProceedWithExit:
                    ProceedWithExit(_exitPolicy ?? _settings.ExitPolicy);
                    break;
                case PositionAction.Close close:
                    Self.Tell(new ClosePosition(_id, close.Reason, new ExecutionPolicy.Market()));
                    break;
                case PositionAction.CancelIntent cancel:
                    ToIntent(new CancelIntent(cancel.Intent));
                    break;
                case PositionAction.Alert alert:
                    Alert(alert.Severity, alert.Message);
                    break;
                case PositionAction.ArmStop arm:
                    ArmStop(arm.StopPrice);
                    break;
                case PositionAction.ReplaceOlderStops:
                    ReplaceOlderStops();
                    break;
                case PositionAction.EnsureTakeProfit:
                    EnsureTakeProfit();
                    EnsureTrailingStop();
                    break;
                case PositionAction.TrailLocally trail:
                    TrailLocally(trail.Reason);
                    break;
                case PositionAction.RetryStop retry:
                    Timers.StartSingleTimer("retry-stop", new RetryStop(), retry.Delay);
                    break;
                case PositionAction.RetryMove retry:
                    Timers.StartSingleTimer(nameof(RetryMove), new RetryMove(retry.StopPrice, retry.Replacing), retry.Delay);
                    break;
            }
        }
    }

    /// <summary>Invariant 3: the new stop is on the exchange before the old ones are cancelled.</summary>
    private void ReplaceOlderStops()
    {
        var newest = _data.ActiveStop;
        foreach (var old in _data.Protections.Values.Where(p => p != newest && p.Kind is not (ProtectionKind.TakeProfit or ProtectionKind.TrailingStop)))
        {
            ToIntent(new CancelIntent(old.Intent));
        }
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
