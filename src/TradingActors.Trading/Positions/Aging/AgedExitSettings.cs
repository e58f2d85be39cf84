using Akka.Configuration;

namespace TradingActors.Trading.Positions.Aging;

/// <summary>Options of the aged-position exit policy (HOCON block <c>trading-actors.positions.aged-exit</c>).</summary>
public sealed record AgedExitSettings
{
    public const string Block = "trading-actors.positions.aged-exit";

    /// <summary>Whether positions run the policy at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Age (since the entry fill) after which the position counts as aged.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(3);

    /// <summary>How long after <see cref="MaxAge"/> the exit aims at breakeven before accepting a loss.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Loss accepted per whole hour of the progressive phase, as a fraction of the breakeven price.</summary>
    public decimal LossStepPerHour { get; init; } = 0.005m;

    /// <summary>Multiplier of <see cref="LossStepPerHour"/> for the hours that start after <see cref="AccelerateAfter"/>.</summary>
    public decimal Acceleration { get; init; } = 1.2m;

    /// <summary>
    /// Position AGE (time since opening, not time since the progressive phase began) from which progressive hours
    /// count at the accelerated step. An hour of the progressive phase is accelerated when it starts at or after
    /// this age; an hour straddling it counts at the plain step. With the defaults (3 h + 8 h grace = 11 h &gt; 10 h)
    /// every progressive hour is accelerated.
    /// </summary>
    public TimeSpan AccelerateAfter { get; init; } = TimeSpan.FromHours(10);

    /// <summary>Largest accepted loss; reaching it means an emergency market close.</summary>
    public decimal MaxLoss { get; init; } = 0.10m;

    /// <summary>Commission per side, as a fraction of notional; breakeven covers it twice (entry and exit).</summary>
    public decimal CommissionRate { get; init; } = 0.0004m;

    /// <summary>How often the actor re-evaluates aged positions when no price arrives.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads the block <c>trading-actors.positions.aged-exit</c> of the root configuration; absent keys keep their defaults.</summary>
    public static AgedExitSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigValues(config, Block);
        var d = new AgedExitSettings();
        return new AgedExitSettings
        {
            Enabled = c.Bool("enabled") ?? d.Enabled,
            MaxAge = Positive(c.Duration("max-age"), "max-age") ?? d.MaxAge,
            GracePeriod = NonNegative(c.Duration("grace-period"), "grace-period") ?? d.GracePeriod,
            LossStepPerHour = Fraction(c, "loss-step-per-hour", allowZero: false) ?? d.LossStepPerHour,
            Acceleration = AtLeastOne(c.Decimal("acceleration"), "acceleration") ?? d.Acceleration,
            AccelerateAfter = NonNegative(c.Duration("accelerate-after"), "accelerate-after") ?? d.AccelerateAfter,
            MaxLoss = Fraction(c, "max-loss", allowZero: false) ?? d.MaxLoss,
            CommissionRate = Fraction(c, "commission-rate", allowZero: true) ?? d.CommissionRate,
            CheckInterval = Positive(c.Duration("check-interval"), "check-interval") ?? d.CheckInterval,
        };
    }

    private static TimeSpan? Positive(TimeSpan? value, string key) =>
        value is { } v && v <= TimeSpan.Zero ? throw new FormatException($"{Block}.{key}: must be longer than zero.") : value;

    private static TimeSpan? NonNegative(TimeSpan? value, string key) =>
        value is { } v && v < TimeSpan.Zero ? throw new FormatException($"{Block}.{key}: must not be negative.") : value;

    private static decimal? AtLeastOne(decimal? value, string key) =>
        value is { } v && v < 1m ? throw new FormatException($"{Block}.{key}: '{v}' must be at least 1.") : value;

    // Fractions, not percentages: a typo such as 10 (meaning 10 %) must fail instead of accepting a 1000 % loss.
    private static decimal? Fraction(ConfigValues c, string key, bool allowZero)
    {
        var value = c.Decimal(key);
        return value is { } v && (v >= 1m || v < 0m || (v == 0m && !allowZero))
            ? throw new FormatException($"{Block}.{key}: '{v}' must be a fraction {(allowZero ? "from 0" : "above 0")} and below 1 (0.005 = 0.5 %).")
            : value;
    }
}
