using TradingActors.Exchange;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Reconciliation;

/// <summary>Commands to the reconciler and its answers.</summary>
public static class ReconcilerProtocol
{
    /// <summary>Runs one reconciliation now (after any run in progress); answered by <see cref="ReconciliationReport"/>.</summary>
    public sealed record Reconcile(ReconcileMode Mode = ReconcileMode.All, bool DryRun = false);

    /// <summary>Answered by <see cref="LastReconciliation"/>.</summary>
    public sealed record GetLastReconciliation;

    public sealed record LastReconciliation(ReconciliationReport? Report);

    /// <summary>
    /// One run: what it found, counted by kind, and the markets it could not read (on which it acted on nothing).
    /// In a dry run the findings say what would have been done.
    /// </summary>
    public sealed record ReconciliationReport(
        long Run,
        ReconcileMode Mode,
        bool DryRun,
        string Trigger,
        DateTimeOffset StartedAt,
        DateTimeOffset FinishedAt,
        IReadOnlyList<Finding> Findings,
        IReadOnlyList<string> Errors)
    {
        public int Matched => Count(FindingKind.Matched);

        public int Adopted => Count(FindingKind.Adopted);

        public int Cancelled => Count(FindingKind.Cancelled);

        public int Closed => Count(FindingKind.Closed);

        public int Corrected => Count(FindingKind.Corrected);

        public int Rearmed => Count(FindingKind.Rearmed);

        public int Alerts => Findings.Count(f => f.Severity is not null);

        private int Count(FindingKind kind) => Findings.Count(f => f.Kind == kind);
    }

    /// <summary>One difference (or agreement) between the exchange and the journal, and what was done about it.</summary>
    public sealed record Finding(Market Market, FindingKind Kind, string Subject, string Detail, AlertSeverity? Severity = null);
}

public enum ReconcileMode
{
    All,
    Futures,
    Spot,
}

public enum FindingKind
{
    /// <summary>Exchange and journal agree.</summary>
    Matched,

    /// <summary>Ours, and its owner was made to catch up with the exchange.</summary>
    Adopted,

    /// <summary>An order nobody should have: cancelled.</summary>
    Cancelled,

    /// <summary>A position closed: a foreign one on the exchange, or a local one the exchange no longer holds.</summary>
    Closed,

    /// <summary>The journal's quantity replaced by the exchange's.</summary>
    Corrected,

    /// <summary>A position whose protective order was missing got a new one.</summary>
    Rearmed,

    /// <summary>Danger that needs a person: nothing was done.</summary>
    Unresolved,
}
