using Akka.Configuration;
using TradingActors.Trading.Positions.Aging;

namespace TradingActors.Trading.Tests.Positions.Aging;

public sealed class AgedExitSettingsTests
{
    [Fact]
    public void Missing_block_gives_the_documented_defaults()
    {
        var settings = Read("trading-actors.positions.exit-policy = market");

        Assert.Equal(new AgedExitSettings(), settings);
        Assert.Equal(
            (TimeSpan.FromHours(3), TimeSpan.FromHours(8), 0.005m, 1.2m, TimeSpan.FromHours(10), 0.10m, 0.0004m, TimeSpan.FromMinutes(1)),
            (settings.MaxAge, settings.GracePeriod, settings.LossStepPerHour, settings.Acceleration, settings.AccelerateAfter,
                settings.MaxLoss, settings.CommissionRate, settings.CheckInterval));
    }

    [Fact]
    public void Every_key_of_the_block_is_read()
    {
        var settings = Read("""
            trading-actors.positions.aged-exit {
              enabled = false
              max-age = 2h
              grace-period = 90 minutes
              loss-step-per-hour = 0.0025
              acceleration = 1.5
              accelerate-after = 12h
              max-loss = 0.05
              commission-rate = 0.001
              check-interval = 30s
            }
            """);

        Assert.Equal(
            new AgedExitSettings
            {
                Enabled = false,
                MaxAge = TimeSpan.FromHours(2),
                GracePeriod = TimeSpan.FromMinutes(90),
                LossStepPerHour = 0.0025m,
                Acceleration = 1.5m,
                AccelerateAfter = TimeSpan.FromHours(12),
                MaxLoss = 0.05m,
                CommissionRate = 0.001m,
                CheckInterval = TimeSpan.FromSeconds(30),
            },
            settings);
    }

    [Fact]
    public void The_reference_block_of_trading_conf_states_the_defaults()
    {
        // Same text as the aged-exit block of hocon/trading.conf.
        var settings = Read("""
            trading-actors.positions {
              # Aged-position exits: a position older than max-age closes at once if profitable beyond breakeven
              # (entry +/- 2 x commission-rate); otherwise it aims at breakeven for grace-period, then accepts a loss
              # (a fraction of the breakeven price) growing by loss-step-per-hour each whole hour, x acceleration for
              # hours starting at or after the position AGE accelerate-after, and closes at MARKET once the loss
              # reaches max-loss. Positions with an active trailing stop are skipped. Fractions, not percents.
              aged-exit {
                enabled = true
                max-age = 3h
                grace-period = 8h
                loss-step-per-hour = 0.005
                acceleration = 1.2
                accelerate-after = 10h
                max-loss = 0.10
                # Commission per side (fraction of notional); breakeven covers entry and exit.
                commission-rate = 0.0004
                # Re-evaluation period when no price arrives (targets change on the hour anyway).
                check-interval = 1m
              }
            }
            """);

        Assert.Equal(new AgedExitSettings(), settings);
    }

    [Theory]
    [InlineData("max-age = soon", "trading-actors.positions.aged-exit.max-age")]
    [InlineData("grace-period = -1h", "trading-actors.positions.aged-exit.grace-period")]
    [InlineData("loss-step-per-hour = lots", "trading-actors.positions.aged-exit.loss-step-per-hour")]
    [InlineData("max-loss = 10", "trading-actors.positions.aged-exit.max-loss")]
    [InlineData("acceleration = 0.5", "trading-actors.positions.aged-exit.acceleration")]
    [InlineData("enabled = maybe", "trading-actors.positions.aged-exit.enabled")]
    public void A_malformed_value_is_reported_with_its_key(string line, string key)
    {
        var error = Assert.Throws<FormatException>(() => Read($"trading-actors.positions.aged-exit {{ {line} }}"));

        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    private static AgedExitSettings Read(string hocon) =>
        AgedExitSettings.Read(ConfigurationFactory.ParseString(hocon));
}
