using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Serialization;
using TradingActors.Trading.Strategy;
using AkkaTagged = Akka.Persistence.Journal.Tagged;

namespace TradingActors.Trading.Tests.Serialization;

public sealed class TradingTaggerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<object, string[]> TaggedEvents() => new()
    {
        { new EntryFilled(1m, 100m, 0.1m, "order", At), [JournalTags.OrdersExecuted, JournalTags.Positions] },
        { new ExitPartiallyFilled(1m, 100m, 0.1m, 5m, At), [JournalTags.OrdersExecuted, JournalTags.Positions] },
        { new PositionClosed(CloseReason.StopLoss, 1m, 100m, 0.1m, 5m, At), [JournalTags.OrdersExecuted, JournalTags.Positions] },
        { new OrphanClosed("gone", 0m, At), [JournalTags.OrdersExecuted, JournalTags.Positions] },
        { Armed(ProtectionKind.Stop), [JournalTags.StopArmed, JournalTags.Positions] },
        { Armed(ProtectionKind.TakeProfit), [JournalTags.StopArmed, JournalTags.Positions] },
        { Armed(ProtectionKind.TrailingStop), [JournalTags.StopArmed, JournalTags.Positions] },
        { Armed(ProtectionKind.Oco), [JournalTags.OcoArmed, JournalTags.Positions] },
        { Armed(ProtectionKind.GuardStop), [JournalTags.GuardArmed, JournalTags.Positions] },
        { new AlertRaised(AlertSeverity.Critical, "look", At), [JournalTags.Alerts, JournalTags.Positions] },
        { new RiskEvents.KillSwitchWasEngaged(At), [JournalTags.Alerts] },
        { Difference(severity: null), [JournalTags.Reconciled] },
        { Difference(AlertSeverity.Warning), [JournalTags.Reconciled, JournalTags.Alerts] },
        { new ReconcilerEvents.ReconciliationCompleted(new ReconcilerProtocol.ReconciliationReport(1, ReconcileMode.All, false, "start", At, At, [], [])), [JournalTags.Reconciled] },
        { new StrategyProtocol.SignalRecorded("s", "BUY", 0.8m, "entered", null, 100m, 1m, "r1", At), [JournalTags.Signals] },
    };

    [Theory]
    [MemberData(nameof(TaggedEvents))]
    public void Journaled_events_carry_the_tags_their_readers_query(object evt, string[] tags)
    {
        var written = new TradingTagger().ToJournal(evt);

        var tagged = Assert.IsType<AkkaTagged>(written);
        Assert.Same(evt, tagged.Payload);
        Assert.Equal(tags.Order(StringComparer.Ordinal), tagged.Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_position_event_without_a_tag_of_its_own_is_tagged_for_the_position_listing()
    {
        var evt = new EntryFailed("never filled", At);

        var tagged = Assert.IsType<AkkaTagged>(new TradingTagger().ToJournal(evt));
        Assert.Equal([JournalTags.Positions], tagged.Tags);
    }

    [Fact]
    public void An_event_without_tags_is_written_as_it_is()
    {
        var evt = new RiskEvents.KillSwitchWasReset(At);

        Assert.Same(evt, new TradingTagger().ToJournal(evt));
    }

    [Fact]
    public void The_tag_names_are_the_ones_the_read_side_uses()
    {
        Assert.Equal(
            ["orders:executed", "risk:sl_arm", "spot:oco:armed", "guard:spot:arm", "alerts", "strategy:reconciled", "signals", "positions"],
            [JournalTags.OrdersExecuted, JournalTags.StopArmed, JournalTags.OcoArmed, JournalTags.GuardArmed, JournalTags.Alerts, JournalTags.Reconciled, JournalTags.Signals, JournalTags.Positions]);
    }

    private static ProtectionArmed Armed(ProtectionKind kind) => new(new IntentId("p1-sl"), kind, ClientOrderId.FromExchange("ta-p1-sl"), 90m, At);

    private static ReconcilerEvents.DifferenceResolved Difference(AlertSeverity? severity) =>
        new(1, new ReconcilerProtocol.Finding(Market.Futures, FindingKind.Closed, "BTCUSDT", "closed", severity), At);
}
