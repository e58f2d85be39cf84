using Microsoft.Extensions.Configuration;

namespace TradingActors.Trading.Risk;

/// <summary>Pre-trade limits and the daily loss limit (HOCON block <c>trading-actors.risk</c>, see hocon/trading.conf).</summary>
public sealed record RiskSettings
{
    public const string SectionPath = "trading-actors:risk";

    public int MaxOpenPositions { get; init; } = 4;
    public decimal MaxNotionalPerSymbol { get; init; } = 50_000m;
    public decimal MaxTotalExposure { get; init; } = 100_000m;

    /// <summary>Futures notional may be at most this multiple of the strategy's equity.</summary>
    public decimal MaxLeverage { get; init; } = 20m;

    /// <summary>Once the day's realized loss reaches this, new entries stop until the next UTC day.</summary>
    public decimal DailyLossLimit { get; init; } = 1_000m;

    /// <summary>How long an approved entry counts against the limits before its position shows up (or it is dropped).</summary>
    public TimeSpan ReservationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static RiskSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string Block = "trading-actors.risk";
        var section = configuration.GetSection(SectionPath);
        var d = new RiskSettings();
        return d with
        {
            MaxOpenPositions = ConfigValues.Int(section, Block, "max-open-positions") ?? d.MaxOpenPositions,
            MaxNotionalPerSymbol = ConfigValues.Decimal(section, Block, "max-notional-per-symbol") ?? d.MaxNotionalPerSymbol,
            MaxTotalExposure = ConfigValues.Decimal(section, Block, "max-total-exposure") ?? d.MaxTotalExposure,
            MaxLeverage = ConfigValues.Decimal(section, Block, "max-leverage") ?? d.MaxLeverage,
            DailyLossLimit = ConfigValues.Decimal(section, Block, "daily-loss-limit") ?? d.DailyLossLimit,
            ReservationTimeout = ConfigValues.Duration(section, Block, "reservation-timeout") ?? d.ReservationTimeout,
        };
    }
}
