using System.Text.Json;
using System.Text.Json.Serialization;
using TradingActors.Exchange;
using TradingActors.Persistence.Serialization;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// JSON for the trading journal: ids and symbols as strings, enums by name, and a stable manifest for every
/// persisted type, so renaming a class never breaks an existing journal.
/// </summary>
public static class TradingJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static EventSerializer CreateSerializer() => Register(new EventSerializer(Options));

    /// <summary>Adds the trading manifests to a serializer that uses <see cref="Options"/>.</summary>
    public static EventSerializer Register(EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer
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
            .Register<IntentEvents.IntentSubmitted>("intent.submitted.v1")
            .Register<IntentEvents.OrderSending>("intent.order-sending.v1")
            .Register<IntentEvents.OrderProgressed>("intent.order-progressed.v1")
            .Register<IntentEvents.FillRecorded>("intent.fill-recorded.v1")
            .Register<IntentEvents.OrderRejected>("intent.order-rejected.v1")
            .Register<IntentEvents.OrderOutcomeUnknown>("intent.order-unknown.v1")
            .Register<IntentEvents.ProtectionEstablished>("intent.protection-established.v1")
            .Register<IntentEvents.IntentFinished>("intent.finished.v1")
            .Register<RouterEvents.IntentRegistered>("router.intent-registered.v1")
            .Register<RouterEvents.IntentReleased>("router.intent-released.v1")
            .Register<RouterEvents.LiveIntentsSnapshot>("router.live-intents-snapshot.v1")
            .Register<RegionEvents.PositionRegistered>("region.position-registered.v1")
            .Register<RegionEvents.PositionReleased>("region.position-released.v1")
            .Register<Strategy.StrategyProtocol.SignalRecorded>("strategy.signal-recorded.v1")
            .Register<Risk.RiskEvents.KillSwitchWasEngaged>("risk.kill-switch-engaged.v1")
            .Register<Risk.RiskEvents.KillSwitchWasReset>("risk.kill-switch-reset.v1")
            .Register<Risk.RiskEvents.RealizedPnlRecorded>("risk.realized-pnl-recorded.v1")
            .Register<Positions.StopMoveRequested>("position.stop-move-requested.v1")
            .Register<Positions.ExitPartiallyFilled>("position.exit-partially-filled.v1")
            .Register<Positions.Aging.AgedExitPhaseChanged>("position.aged-exit-phase-changed.v1")
            .Register<Reconciliation.ReconcilerEvents.DifferenceResolved>("reconciler.difference-resolved.v1")
            .Register<Reconciliation.ReconcilerEvents.ReconciliationCompleted>("reconciler.completed.v1");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new StringValueConverter<Symbol>(s => new Symbol(s), s => s.Value));
        options.Converters.Add(new StringValueConverter<ClientOrderId>(ClientOrderId.FromExchange, c => c.Value));
        options.Converters.Add(new StringValueConverter<IntentId>(s => new IntentId(s), i => i.Value));
        options.Converters.Add(new StringValueConverter<PositionId>(s => new PositionId(s), p => p.Value));
        return options;
    }
}
