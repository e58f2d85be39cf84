using Akka.Configuration;

namespace TradingActors.Trading.Risk;

/// <summary>Pre-trade limits and the daily loss limit (HOCON block <c>trading-actors.risk</c>, see hocon/trading.conf).</summary>
public sealed record RiskSettings
{
    public const string Block = "trading-actors.risk";

    public int MaxOpenPositions { get; init; } = 4;
    public decimal MaxNotionalPerSymbol { get; init; } = 50_000m;
    public decimal MaxTotalExposure { get; init; } = 100_000m;

    /// <summary>Futures notional may be at most this multiple of the strategy's equity.</summary>
    public decimal MaxLeverage { get; init; } = 20m;

    /// <summary>Once the day's realized loss reaches this, new entries stop until the next UTC day.</summary>
    public decimal DailyLossLimit { get; init; } = 1_000m;

    /// <summary>How long an approved entry counts against the limits before its position shows up (or it is dropped).</summary>
    public TimeSpan ReservationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the block <c>trading-actors.risk</c> of the root configuration; absent keys keep their defaults.</summary>
    public static RiskSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigValues(config, Block);
        var d = new RiskSettings();
        return d with
        {
            MaxOpenPositions = c.Int("max-open-positions") ?? d.MaxOpenPositions,
            MaxNotionalPerSymbol = c.Decimal("max-notional-per-symbol") ?? d.MaxNotionalPerSymbol,
            MaxTotalExposure = c.Decimal("max-total-exposure") ?? d.MaxTotalExposure,
            MaxLeverage = c.Decimal("max-leverage") ?? d.MaxLeverage,
            DailyLossLimit = c.Decimal("daily-loss-limit") ?? d.DailyLossLimit,
            ReservationTimeout = c.Duration("reservation-timeout") ?? d.ReservationTimeout,
        };
    }
}
