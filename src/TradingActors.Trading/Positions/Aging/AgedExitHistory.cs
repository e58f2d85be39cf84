namespace TradingActors.Trading.Positions.Aging;

/// <summary>
/// Decides which aged-exit changes the position journals. A position with no recorded change is young; a plan
/// equal in phase and target to the last recorded change yields nothing, so the journal holds only changes.
/// </summary>
public static class AgedExitHistory
{
    /// <summary>The change to journal for <paramref name="plan"/>, or null when nothing changed since <paramref name="last"/>.</summary>
    public static AgedExitPhaseChanged? ChangeSince(AgedExitPhaseChanged? last, AgedExitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lastPhase = last?.Phase ?? AgedExitPhase.Young;
        var lastTarget = last?.TargetPrice;
        return plan.Phase == lastPhase && plan.TargetPrice == lastTarget
            ? null
            : new AgedExitPhaseChanged(plan.Phase, plan.TargetPrice, plan.AcceptedLoss, plan.EffectiveFrom);
    }

    /// <summary>The phase a recovered position resumes in, from its journaled changes (the last one wins).</summary>
    public static AgedExitPhaseChanged? Recover(IEnumerable<AgedExitPhaseChanged> journaled)
    {
        ArgumentNullException.ThrowIfNull(journaled);
        return journaled.LastOrDefault();
    }
}
