using System.Collections.Immutable;
using Akka.Persistence.Journal;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Strategy;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// Write event adapter that tags journaled events from what they are, so actors persist plain events and the
/// tag streams (<see cref="JournalTags"/>) cannot drift from the call sites. Bound to <see cref="IJournalEvent"/>
/// in the journal's <c>event-adapter-bindings</c>.
/// </summary>
public sealed class TradingTagger : IWriteEventAdapter
{
    private static readonly ImmutableHashSet<string> None = [];
    private static readonly ImmutableHashSet<string> OrdersExecuted = [JournalTags.OrdersExecuted];
    private static readonly ImmutableHashSet<string> StopArmed = [JournalTags.StopArmed];
    private static readonly ImmutableHashSet<string> OcoArmed = [JournalTags.OcoArmed];
    private static readonly ImmutableHashSet<string> GuardArmed = [JournalTags.GuardArmed];
    private static readonly ImmutableHashSet<string> Alerts = [JournalTags.Alerts];
    private static readonly ImmutableHashSet<string> Reconciled = [JournalTags.Reconciled];
    private static readonly ImmutableHashSet<string> ReconciledAlert = [JournalTags.Reconciled, JournalTags.Alerts];
    private static readonly ImmutableHashSet<string> Signals = [JournalTags.Signals];

    /// <summary>The tags of <paramref name="evt"/>; empty when it has none. Every position event is also tagged <see cref="JournalTags.Positions"/>.</summary>
    public static ImmutableHashSet<string> TagsOf(object evt) => evt is IPositionEvent ? Of(evt).Add(JournalTags.Positions) : Of(evt);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt)
    {
        var tags = TagsOf(evt);
        return tags.IsEmpty ? evt : new Tagged(evt, tags);
    }

    private static ImmutableHashSet<string> Of(object evt) => evt switch
    {
        EntryFilled or ExitPartiallyFilled or PositionClosed or OrphanClosed => OrdersExecuted,
        ProtectionArmed { Kind: ProtectionKind.Oco } => OcoArmed,
        ProtectionArmed { Kind: ProtectionKind.GuardStop } => GuardArmed,
        ProtectionArmed => StopArmed,
        AlertRaised or RiskEvents.KillSwitchWasEngaged => Alerts,
        ReconcilerEvents.DifferenceResolved { Finding.Severity: not null } => ReconciledAlert,
        ReconcilerEvents.DifferenceResolved or ReconcilerEvents.ReconciliationCompleted => Reconciled,
        StrategyProtocol.SignalRecorded => Signals,
        _ => None,
    };
}
