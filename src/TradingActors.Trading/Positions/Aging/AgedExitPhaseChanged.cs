namespace TradingActors.Trading.Positions.Aging;

/// <summary>
/// Journaled by the position when its aged-exit phase or target changes; the sequence of these events is the
/// aged-exit history. <paramref name="At"/> is the schedule boundary where the change took effect, so the same
/// change gets the same timestamp whether it was observed live or after a restart.
/// </summary>
public sealed record AgedExitPhaseChanged(AgedExitPhase Phase, decimal? TargetPrice, decimal AcceptedLoss, DateTimeOffset At) : IPositionEvent;
