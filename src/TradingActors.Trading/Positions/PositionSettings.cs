using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Positions;

/// <summary>Options of position actors (HOCON block <c>trading-actors.positions</c>).</summary>
public sealed record PositionSettings
{
    /// <summary>How a close is executed unless the request names a policy.</summary>
    public ExecutionPolicy ExitPolicy { get; init; } = new ExecutionPolicy.Market();

    /// <summary>How long an entry whose outcome is unknown is verified before it is rolled back.</summary>
    public TimeSpan EntryVerificationDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay between verification queries; it doubles each time.</summary>
    public TimeSpan VerificationBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Close attempts (for example after a partial exit fill) before an alert asks for a human.</summary>
    public int MaxCloseAttempts { get; init; } = 3;

    /// <summary>How long a finished position stays in memory to answer late questions.</summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(1);
}
