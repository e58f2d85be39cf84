using Microsoft.Extensions.Configuration;

namespace TradingActors.Simulator.Tests;

public sealed class SimulatorConfigurationTests
{
    [Fact]
    public void Reads_the_reference_keys_and_keeps_defaults_for_missing_ones()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["port"] = "9123",
            ["symbols:0"] = "SOLUSDT",
            ["virtual-time"] = "true",
            ["websocket-ping-interval"] = "3m",
            ["engine:spot-balances:USDT"] = "5000",
            ["engine:price-step"] = "250ms",
            ["engine:futures-taker-fee"] = "0.0004",
        }).Build();

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
    public void Malformed_values_are_errors_not_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["engine:spread-bps"] = "wide" }).Build();

        Assert.Throws<InvalidOperationException>(() => SimulatorConfiguration.Read(config));
    }
}
