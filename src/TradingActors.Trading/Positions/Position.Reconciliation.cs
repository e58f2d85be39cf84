using Akka.Actor;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Positions;

/// <summary>What the reconciler asks of a position once the exchange and the journal disagree.</summary>
public sealed partial class Position
{
    private void OnReverify()
    {
        switch (_data.State)
        {
            case PositionState.PendingEntry:
                _verifyUntil = Now + _settings.EntryVerificationDeadline;
                _verifyAttempt = 0;
                Self.Tell(new VerifyEntry());
                Sender.Tell(new Reconciled(_id, true, "entry verification started"));
                break;
            case PositionState.Active:
                EnsureProtected();
                Sender.Tell(new Reconciled(_id, true, "protection checked"));
                break;
            default:
                Sender.Tell(new Reconciled(_id, false, $"the position is {_data.State}"));
                break;
        }
    }

    private void OnMarkOrphanClosed(MarkOrphanClosed orphan)
    {
        if (!_data.IsOpen)
        {
            Sender.Tell(new Reconciled(_id, false, $"the position is {_data.State}"));
            return;
        }

        var sender = Sender;
        Record(new OrphanClosed(orphan.Reason, orphan.RealizedPnl, Now), () =>
        {
            sender.Tell(new Reconciled(_id, true, "closed as reconciled"));
            Context.System.EventStream.Publish(new PositionClosedNotice(_id, _data.Market, _data.Symbol, _data.RealizedPnl, Now));
            AfterTerminal();
        });
    }

    private void OnCorrectQuantity(CorrectQuantity correct)
    {
        if (!_data.IsOpen || correct.Quantity <= 0m || correct.Quantity == _data.Quantity)
        {
            Sender.Tell(new Reconciled(_id, false, $"nothing to correct ({_data.State}, {_data.Quantity})"));
            return;
        }

        var sender = Sender;
        Record(new QuantityCorrected(correct.Quantity, Now), () =>
        {
            sender.Tell(new Reconciled(_id, true, $"quantity corrected to {correct.Quantity}"));

            // The stop was sized for the old quantity: a new one covers the new quantity before the old is cancelled.
            if (_data.State == PositionState.Active && _pendingStop is null && (_data.ActiveStop?.TriggerPrice ?? _data.StopPrice) is { } stop)
            {
                ArmStop(stop);
            }
        });
    }

    private void OnProtectionMissing(ProtectionMissing missing)
    {
        if (!_data.IsOpen || !_data.Protections.ContainsKey(missing.ClientOrderId))
        {
            Sender.Tell(new Reconciled(_id, false, $"no such protection in {_data.State}"));
            return;
        }

        var sender = Sender;
        var price = _data.Protections[missing.ClientOrderId].TriggerPrice;
        Record(new ProtectionCancelled(missing.ClientOrderId, Now), () =>
        {
            sender.Tell(new Reconciled(_id, true, "stop re-armed"));
            Alert(AlertSeverity.Critical, $"protective order {missing.ClientOrderId} was not on the exchange; re-arming at {price}");
            if (_data.State == PositionState.Active && _data.ActiveStop is null && _pendingStop is null)
            {
                ArmStop(_data.StopPrice ?? price);
            }
        });
    }

    private void OnAdopt(AdoptPosition adopt)
    {
        if (_data.State != PositionState.New)
        {
            Sender.Tell(new Reconciled(_id, false, $"the position is {_data.State}"));
            return;
        }

        Context.SetReceiveTimeout(null);
        var sender = Sender;
        var opened = new PositionOpened(
            _id, new IntentId($"{_id.Value}-en"), adopt.Market, adopt.Symbol, adopt.Direction, adopt.Quantity, adopt.EntryPrice,
            adopt.StopPrice, null, "reconciler:adopted", Now);
        Record(opened, () => Record(new EntryFilled(adopt.Quantity, adopt.EntryPrice, 0m, "reconciler", Now), () =>
        {
            sender.Tell(new Reconciled(_id, true, "adopted"));
            EnsureProtected();
        }));
    }
}
