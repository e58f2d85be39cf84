using Akka.Configuration;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Tests.Orders;

public sealed class RouterSettingsTests
{
    [Fact]
    public void A_bad_duration_names_its_key()
    {
        var error = Assert.Throws<FormatException>(() => Read("trading-actors.router.unknown-query-backoff = 5x"));

        Assert.StartsWith("trading-actors.router.unknown-query-backoff: '5x' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("5s", 5_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("\"00:00:05\"", 5_000)]
    [InlineData("750", 750)]
    public void Durations_read_in_the_forms_the_earlier_parser_took(string text, int milliseconds)
    {
        var settings = Read($"trading-actors.router.trade-settle-timeout = {text}");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), settings.TradeSettleTimeout);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        Assert.Throws<FormatException>(() => Read("trading-actors.router.trade-settle-timeout = -5s"));
    }

    [Fact]
    public void A_missing_block_gives_the_defaults()
    {
        Assert.Equal(new RouterSettings(), RouterSettings.Read(Config.Empty));
    }

    [Fact]
    public void A_bad_prefix_names_its_key()
    {
        var error = Assert.Throws<FormatException>(() => Read("trading-actors.router.client-order-id-prefix = \"far-too-long-prefix\""));

        Assert.StartsWith("trading-actors.router.client-order-id-prefix: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_where_a_value_belongs_is_an_error_naming_its_key()
    {
        var error = Assert.Throws<FormatException>(() => Read("trading-actors.router.snapshot-every { a = 1 }"));

        Assert.StartsWith("trading-actors.router.snapshot-every: ", error.Message, StringComparison.Ordinal);
    }

    private static RouterSettings Read(string hocon) => RouterSettings.Read(ConfigurationFactory.ParseString(hocon));
}
