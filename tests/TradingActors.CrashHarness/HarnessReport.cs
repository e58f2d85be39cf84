using System.Globalization;
using System.Text;

namespace TradingActors.CrashHarness;

/// <summary>A broken invariant over the run: when it was first and last seen, and at how many kill points.</summary>
public sealed record ViolationRecord(Violation Violation, int FirstKill, int LastKill, int KillPoints);

/// <summary>What a run did and found.</summary>
public sealed record HarnessReport(
    int Seed,
    int KillPoints,
    int Orders,
    int PositionsAccepted,
    int PositionsListed,
    IReadOnlyList<ViolationRecord> Violations,
    IReadOnlyList<ViolationRecord> Warnings,
    TimeSpan Duration,
    TimeSpan AverageKillPoint,
    TimeSpan SlowestKillPoint,
    TimeSpan AverageRestart,
    string Reconcile)
{
    public bool Passed => Violations.Count == 0;

    private static void Append(StringBuilder text, IReadOnlyList<ViolationRecord> records)
    {
        foreach (var v in records)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    kill {v.FirstKill}{(v.KillPoints > 1 ? $"..{v.LastKill} (seen at {v.KillPoints} kill points)" : string.Empty)}: {v.Violation}");
        }
    }

    public string Summary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"crash harness summary: seed {Seed}, {KillPoints} kill points, {Orders} orders executed by the exchange, {PositionsAccepted} positions accepted (202), {PositionsListed} listed by the node");
        text.AppendLine(c, $"  duration {Duration.TotalSeconds:F1} s; per kill point {AverageKillPoint.TotalSeconds:F2} s on average, {SlowestKillPoint.TotalSeconds:F2} s at most; restart to ready {AverageRestart.TotalSeconds:F2} s on average");
        text.AppendLine(c, $"  reconcile: {Reconcile}");
        text.Append(c, $"  violations: {Violations.Count}{(Violations.Count == 0 ? string.Empty : $" (replay with --seed {Seed})")}");
        Append(text, Violations);
        text.AppendLine().Append(c, $"  warnings (beyond invariants 1-4: open orders no open position owns, accepted commands lost in a crash): {Warnings.Count}");
        Append(text, Warnings);
        return text.ToString();
    }
}
