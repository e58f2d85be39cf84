namespace TradingActors.Trading.Positions.Aging;

/// <summary>Where an open position stands in the aged-exit schedule, by its age alone.</summary>
public enum AgedExitPhase
{
    /// <summary>Younger than the maximum age: the policy does nothing.</summary>
    Young,

    /// <summary>Past the maximum age: exit at breakeven (entry plus both commissions).</summary>
    Grace,

    /// <summary>Past the grace period: exit accepting a loss that grows every whole hour.</summary>
    Progressive,

    /// <summary>The accepted loss reached the maximum: close at market whatever the price.</summary>
    Emergency,
}
