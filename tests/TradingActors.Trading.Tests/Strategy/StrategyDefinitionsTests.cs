using Akka.Configuration;
using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Strategy;
using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Tests.Strategy;

public sealed class StrategyDefinitionsTests
{
    [Fact]
    public void A_strategy_block_reads_into_rules_sizing_and_policy()
    {
        var definitions = Read("""
            trading-actors.strategies.btc-trend {
              market = FUTURES
              symbol = BTCUSDT
              bar-interval = 2s
              equity = 5000
              risk-per-trade = 0.02
              policy = maker-then-taker
              maker-window = 3s
              entry.long {
                min-confidence = 0.7
                conditions = [
                  { when = "ema(9) crosses_above ema(21)", weight = 0.7 }
                  { when = "rsi(14) < 70", weight = 0.3 }
                ]
              }
              entry.short.when = "ema(9) crosses_below ema(21)"
              stop-distance = "atr(14) * 2"
            }
            """);

        var definition = Assert.Single(definitions);
        Assert.Equal(("btc-trend", Market.Futures, new Symbol("BTCUSDT")), (definition.Name, definition.Market, definition.Symbol));
        Assert.Equal(TimeSpan.FromSeconds(2), definition.BarInterval);
        Assert.Equal(2, definition.Long!.Conditions.Count);
        Assert.Equal(0.7m, definition.Long.MinConfidence);
        Assert.Single(definition.Short!.Conditions);
        Assert.Equal(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(3), new ExecutionPolicy.Market()), definition.EntryPolicy);
        Assert.Contains(new FeatureKey("atr", 14), definition.Features);
        Assert.Equal(12, definition.Revision.Length);
    }

    [Fact]
    public void A_bad_rule_is_reported_with_its_key_and_column()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Read("""
            trading-actors.strategies.broken {
              market = SPOT
              symbol = ETHUSDT
              entry.long.when = "ema(9) crosses_above"
              stop-distance = "atr(14)"
            }
            """));

        Assert.Equal("trading-actors.strategies.broken.entry.long.when", error.Key);
        Assert.Equal(21, error.Column);
    }

    [Fact]
    public void A_short_spot_strategy_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Read("""
            trading-actors.strategies.s {
              market = SPOT
              symbol = ETHUSDT
              entry.short.when = "close < 1"
              stop-distance = "1"
            }
            """));

        Assert.Contains("spot cannot be short", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.02", 0.02)]
    [InlineData("1.5", null)]
    public void A_trailing_distance_is_a_fraction_of_the_price(string text, double? expected)
    {
        var hocon = $$"""
            trading-actors.strategies.t { market = FUTURES, symbol = BTCUSDT, entry.long.when = "close > 1", stop-distance = "1", trailing-distance = {{text}} }
            """;

        if (expected is { } fraction)
        {
            Assert.Equal((decimal)fraction, Assert.Single(Read(hocon)).TrailingDistance);
        }
        else
        {
            Assert.Contains("trailing-distance", Assert.Throws<FormatException>(() => Read(hocon)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_disabled_strategy_is_left_out()
    {
        Assert.Empty(Read("""
            trading-actors.strategies.off { enabled = false, market = SPOT, symbol = ETHUSDT, stop-distance = "1" }
            """));
    }

    [Fact]
    public void An_unchanged_strategy_keeps_the_revision_it_had_before_akka_parsed_the_files()
    {
        // Computed by the configuration layer that read the files before Akka's HOCON: signals journaled then carry it.
        var definition = Assert.Single(Read("""
            trading-actors.strategies.btc-trend {
              market = FUTURES
              symbol = BTCUSDT
              bar-interval = 2s
              equity = 5000
              risk-per-trade = 0.02
              policy = maker-then-taker
              maker-window = 3s
              entry.long {
                min-confidence = 0.7
                conditions = [
                  { when = "ema(9) crosses_above ema(21)", weight = 0.7 }
                  { when = "rsi(14) < 70", weight = 0.3 }
                ]
              }
              entry.short.when = "ema(9) crosses_below ema(21)"
              stop-distance = "atr(14) * 2"
              trailing-distance = 0.010
              enabled = true
            }
            """));

        Assert.Equal("a1b905562fcb", definition.Revision);
    }

    [Fact]
    public void A_condition_without_a_rule_names_its_place_in_the_list()
    {
        var error = Assert.Throws<FormatException>(() => Read("""
            trading-actors.strategies.s {
              market = FUTURES
              symbol = BTCUSDT
              entry.long.conditions = [{ when = "close > 1" }, { weight = 0.5 }]
              stop-distance = "1"
            }
            """));

        Assert.Equal("trading-actors.strategies.s.entry.long.conditions.1.when: missing.", error.Message);
    }

    [Fact]
    public void A_value_where_a_strategy_block_belongs_is_left_out()
    {
        Assert.Empty(Read("trading-actors.strategies.stray = 1"));
    }

    private static IReadOnlyList<StrategyDefinition> Read(string hocon) =>
        StrategyDefinitions.Read(ConfigurationFactory.ParseString(hocon));
}
