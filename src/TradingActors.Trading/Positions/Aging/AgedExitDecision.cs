namespace TradingActors.Trading.Positions.Aging;

/// <summary>Outcome of one aged-exit evaluation against a live price.</summary>
/// <param name="Phase">The schedule phase at the evaluation time.</param>
/// <param name="TargetPrice">The exit price aimed at; null while young and in emergency.</param>
/// <param name="AcceptedLoss">Fraction of the breakeven price given up.</param>
/// <param name="Action">Whether to close now at market.</param>
/// <param name="Reason">Why, for logs and the close reason (one of the <see cref="AgedExitPolicy"/> reason constants).</param>
public sealed record AgedExitDecision(
    AgedExitPhase Phase,
    decimal? TargetPrice,
    decimal AcceptedLoss,
    AgedExitAction Action,
    string Reason);
