using Akka.Configuration;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Tests.Positions;

public sealed class PositionSettingsTests
{
    [Fact]
    public void Missing_exit_policy_closes_at_market()
    {
        var settings = Read("trading-actors.positions.max-close-attempts = 3");

        Assert.Equal(new ExecutionPolicy.Market(), settings.ExitPolicy);
    }

    [Fact]
    public void Price_chase_exit_policy_takes_the_configured_attempts_in_any_case()
    {
        var settings = Read("trading-actors.positions { exit-policy = Price-Chase, price-chase-attempts = 5 }");

        Assert.Equal(new ExecutionPolicy.PriceChase(5, FillOrKill: false), settings.ExitPolicy);
    }

    [Fact]
    public void An_unknown_exit_policy_is_reported_with_its_key_and_the_accepted_words()
    {
        var error = Assert.Throws<FormatException>(() => Read("trading-actors.positions.exit-policy = limit"));

        Assert.Equal("trading-actors.positions.exit-policy: 'limit' is not market or price-chase.", error.Message);
    }

    private static PositionSettings Read(string hocon) =>
        PositionSettings.Read(ConfigurationFactory.ParseString(hocon));
}
