using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Positions.Aging;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Strategy;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// The one table of journal manifests: what every persisted event and snapshot is stored as. A manifest is
/// written into the journal with each event and must never change or be reused; change an event's shape by
/// registering it under a new version (<c>.v2</c>) and adding an upcaster from the old one.
/// </summary>
public static class EventManifests
{
    /// <summary>The registry <see cref="TradingEventSerializer"/> uses when Akka creates it.</summary>
    public static EventManifestRegistry Default { get; } = Create();

    /// <summary>A new registry holding the trading manifests (tests add upcasters to their own copy).</summary>
    public static EventManifestRegistry Create() => new EventManifestRegistry()
        .Register<PositionOpened>("position.opened.v1")
        .Register<EntryFilled>("position.entry-filled.v1")
        .Register<EntryFailed>("position.entry-failed.v1")
        .Register<EntryRolledBack>("position.entry-rolled-back.v1")
        .Register<ProtectionArmed>("position.protection-armed.v1")
        .Register<ProtectionCancelled>("position.protection-cancelled.v1")
        .Register<CloseStarted>("position.close-started.v1")
        .Register<CloseFailed>("position.close-failed.v1")
        .Register<PositionClosed>("position.closed.v1")
        .Register<OrphanClosed>("position.orphan-closed.v1")
        .Register<QuantityCorrected>("position.quantity-corrected.v1")
        .Register<FlatnessChecked>("position.flatness-checked.v1")
        .Register<ProtectionFailed>("position.protection-failed.v1")
        .Register<AlertRaised>("position.alert-raised.v1")
        .Register<StopMoveRequested>("position.stop-move-requested.v1")
        .Register<ExitPartiallyFilled>("position.exit-partially-filled.v1")
        .Register<AgedExitPhaseChanged>("position.aged-exit-phase-changed.v1")
        .Register<FundingRecorded>("position.funding-recorded.v1")
        .Register<IntentEvents.IntentSubmitted>("intent.submitted.v1")
        .Register<IntentEvents.OrderSending>("intent.order-sending.v1")
        .Register<IntentEvents.OrderProgressed>("intent.order-progressed.v1")
        .Register<IntentEvents.FillRecorded>("intent.fill-recorded.v1")
        .Register<IntentEvents.OrderRejected>("intent.order-rejected.v1")
        .Register<IntentEvents.OrderOutcomeUnknown>("intent.order-unknown.v1")
        .Register<IntentEvents.ProtectionEstablished>("intent.protection-established.v1")
        .Register<IntentEvents.IntentFinished>("intent.finished.v1")
        .Register<StrategyProtocol.SignalRecorded>("strategy.signal-recorded.v1")
        .Register<RiskEvents.KillSwitchWasEngaged>("risk.kill-switch-engaged.v1")
        .Register<RiskEvents.KillSwitchWasReset>("risk.kill-switch-reset.v1")
        .Register<RiskEvents.RealizedPnlRecorded>("risk.realized-pnl-recorded.v1")
        .Register<ReconcilerEvents.DifferenceResolved>("reconciler.difference-resolved.v1")
        .Register<ReconcilerEvents.ReconciliationCompleted>("reconciler.completed.v1");
}
