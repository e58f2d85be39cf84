using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.Risk;

/// <summary>The risk manager's journal.</summary>
public static class RiskEvents
{
    public sealed record KillSwitchWasEngaged(DateTimeOffset At) : IJournalEvent;

    public sealed record KillSwitchWasReset(DateTimeOffset At) : IJournalEvent;

    /// <summary>A position's realized PnL, counted toward the daily loss limit of its UTC day.</summary>
    public sealed record RealizedPnlRecorded(string PositionId, decimal RealizedPnl, DateTimeOffset At) : IJournalEvent;
}
