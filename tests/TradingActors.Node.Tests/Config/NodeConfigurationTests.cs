using TradingActors.Exchange;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Config;

public sealed class NodeConfigurationTests
{
    [Fact]
    public void Defaults_are_paper_mode_on_both_markets_with_management_on_loopback_8558()
    {
        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse([])));

        Assert.Equal(NodeMode.Paper, settings.Mode);
        Assert.Equal([Market.Spot, Market.Futures], settings.Markets);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], settings.Symbols.Select(s => s.Value));
        Assert.Equal("127.0.0.1", settings.ManagementHost);
        Assert.Equal(8558, settings.ManagementPort);
        Assert.Null(settings.ManagementToken);
        Assert.Null(settings.Duration);
    }

    [Theory]
    [InlineData("paper", "0.5")]
    [InlineData("testnet", "10")]
    public void Speed_other_than_real_time_is_only_for_paper_mode_and_never_slower(string mode, string speed)
    {
        var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--mode", mode, "--speed", speed]));

        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ReadNode(configuration));
        Assert.Contains("trading-actors.node.speed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_selects_its_file_after_the_reference()
    {
        var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--mode", "testnet"]));

        Assert.Equal("testnet", configuration["trading-actors:binance:environment"]);
        Assert.Equal(NodeMode.Testnet, NodeConfiguration.ReadNode(configuration).Mode);
    }

    [Fact]
    public void Command_line_options_override_the_files()
    {
        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse(
            ["--speed", "4", "--duration", "30s", "--data-dir", "/tmp/x", "--port", "9000", "--live", "--set", "trading-actors.node.markets=futures"])));

        Assert.Equal(4m, settings.Speed);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Duration);
        Assert.Equal("/tmp/x", settings.DataDirectory);
        Assert.Equal(9000, settings.ManagementPort);
        Assert.True(settings.LiveConfirmed);
        Assert.Equal([Market.Futures], settings.Markets);
    }

    [Fact]
    public void Environment_variables_with_the_prefix_override_the_files()
    {
        // A key nothing else reads, so tests running in parallel are not affected.
        Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__probe", "from-environment");
        try
        {
            var configuration = NodeConfiguration.Build(CommandLineOptions.Parse([]));

            Assert.Equal("from-environment", configuration["trading-actors:node-tests:probe"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__probe", null);
        }
    }

    [Fact]
    public void Short_management_token_is_refused()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ReadNode(
            NodeConfiguration.Build(CommandLineOptions.Parse(["--set", "trading-actors.node.management.token=short"]))));

        Assert.Equal("trading-actors.node.management.token", error.Key);
        Assert.DoesNotContain("short", error.Message.Replace("trading-actors", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_never_print_the_token()
    {
        var settings = new NodeSettings { ManagementToken = "a-secret-token-0123456789" };

        Assert.DoesNotContain("a-secret-token", settings.ToString(), StringComparison.Ordinal);
    }
}
