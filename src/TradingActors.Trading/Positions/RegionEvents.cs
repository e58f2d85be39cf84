using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Positions;

/// <summary>The position region's journal: which positions are open, so a restart brings them back.</summary>
public static class RegionEvents
{
    public sealed record PositionRegistered(PositionId Id, DateTimeOffset At);

    public sealed record PositionReleased(PositionId Id, DateTimeOffset At);
}
