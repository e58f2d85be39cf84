using TradingActors.Trading.Serialization;
using static TradingActors.Trading.Reconciliation.ReconcilerProtocol;

namespace TradingActors.Trading.Reconciliation;

/// <summary>The reconciler's journal: every action it took, and every run's report.</summary>
public static class ReconcilerEvents
{
    public interface IReconcilerEvent : IJournalEvent;

    /// <summary>One finding of a run that acted (tag <c>strategy:reconciled</c>, and <c>alerts</c> when it has a severity).</summary>
    public sealed record DifferenceResolved(long Run, Finding Finding, DateTimeOffset At) : IReconcilerEvent;

    public sealed record ReconciliationCompleted(ReconciliationReport Report) : IReconcilerEvent;
}
