using Akka.Configuration;
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

    /// <summary>When and how a position that stayed open too long is closed.</summary>
    public Aging.AgedExitSettings AgedExit { get; init; } = new();

    /// <summary>Reads the block <c>trading-actors.positions</c> of the root configuration; absent keys keep their defaults.</summary>
    public static PositionSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigValues(config, "trading-actors.positions");
        var d = new PositionSettings();
        var chaseAttempts = c.Int("price-chase-attempts") ?? 3;
        return d with
        {
            ExitPolicy = c.Choice<ExecutionPolicy>(
                "exit-policy",
                new ExecutionPolicy.Market(),
                ("market", new ExecutionPolicy.Market()),
                ("price-chase", new ExecutionPolicy.PriceChase(chaseAttempts, FillOrKill: false))),
            EntryVerificationDeadline = c.Duration("entry-verification-deadline") ?? d.EntryVerificationDeadline,
            VerificationBackoff = c.Duration("verification-backoff") ?? d.VerificationBackoff,
            MaxCloseAttempts = c.Int("max-close-attempts") ?? d.MaxCloseAttempts,
            PassivateAfter = c.Duration("passivate-after") ?? d.PassivateAfter,
            AgedExit = Aging.AgedExitSettings.Read(config),
        };
    }
}
