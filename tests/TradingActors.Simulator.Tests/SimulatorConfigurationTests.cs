using Akka.Configuration;

namespace TradingActors.Simulator.Tests;

public sealed class SimulatorConfigurationTests
{
    [Fact]
    public void Reads_the_reference_keys_and_keeps_defaults_for_missing_ones()
    {
        var config = ConfigurationFactory.ParseString("""
            trading-actors.simulator {
              port = 9123
              symbols = [SOLUSDT]
              virtual-time = true
              websocket-ping-interval = 3m
              engine {
                spot-balances { USDT = 5000 }
                price-step = 250ms
                futures-taker-fee = 0.0004
              }
            }
            """);

        var options = SimulatorConfiguration.Read(config);

        Assert.Equal(9123, options.Port);
        Assert.Equal(["SOLUSDT"], options.Symbols);
        Assert.True(options.VirtualTime);
        Assert.Equal(TimeSpan.FromMinutes(3), options.WebSocketPingInterval);
        Assert.Equal(5000m, options.Engine.SpotBalances["USDT"]);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Engine.PriceStep);
        Assert.Equal(0.0004m, options.Engine.FuturesTakerFee);
        Assert.Equal("simulator-api-key", options.ApiKey);
        Assert.Equal(0.001m, options.Engine.SpotMakerFee);
    }

    [Fact]
    public void Malformed_values_are_errors_naming_their_key_not_defaults()
    {
        var config = ConfigurationFactory.ParseString("trading-actors.simulator.engine.spread-bps = wide");

        var error = Assert.Throws<InvalidOperationException>(() => SimulatorConfiguration.Read(config));

        Assert.StartsWith("trading-actors.simulator.engine.spread-bps: 'wide'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_given_as_one_comma_separated_text_read_as_a_list()
    {
        var options = SimulatorConfiguration.Read(ConfigurationFactory.ParseString("trading-actors.simulator.symbols = \"SOLUSDT, XRPUSDT\""));

        Assert.Equal(["SOLUSDT", "XRPUSDT"], options.Symbols);
    }
}
