namespace TradingActors.Trading.Positions.Aging;

/// <summary>
/// The price-independent part of the aged-exit schedule at one instant; a pure function of the opening time,
/// so it can be recomputed after a restart instead of being trusted from memory.
/// </summary>
/// <param name="Phase">The phase at that instant.</param>
/// <param name="TargetPrice">The exit price aimed at; null while young and in emergency.</param>
/// <param name="AcceptedLoss">Fraction of the breakeven price given up (0 until the progressive phase).</param>
/// <param name="EffectiveFrom">When this phase and target began (a schedule boundary, not the evaluation time).</param>
/// <param name="NextChangeAt">When the phase or target changes next, for the actor's timer; null once in emergency.</param>
public sealed record AgedExitPlan(
    AgedExitPhase Phase,
    decimal? TargetPrice,
    decimal AcceptedLoss,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? NextChangeAt);
