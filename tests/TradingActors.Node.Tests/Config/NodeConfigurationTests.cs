using TradingActors.Exchange;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Config;

public sealed class NodeConfigurationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-node-configuration-" + Guid.NewGuid().ToString("N"));

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

        Assert.Equal("testnet", configuration.GetString("trading-actors.binance.environment"));
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

            Assert.Equal("from-environment", configuration.GetString("trading-actors.node-tests.probe"));
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

    [Fact]
    public void Every_hocon_file_parses_with_akka()
    {
        var files = Directory.GetFiles(NodeConfiguration.LocateHoconDirectory(), "*.conf");

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(HoconFile.Load(file).IsEmpty, file));
    }

    [Fact]
    public void Every_module_reads_the_default_configuration()
    {
        var configuration = NodeConfiguration.Build(CommandLineOptions.Parse([]));

        Assert.Equal("ta-", NodeConfiguration.ReadRouter(configuration).ClientOrderIdPrefix);
        Assert.Equal(TimeSpan.FromSeconds(30), NodeConfiguration.ReadPositions(configuration).EntryVerificationDeadline);
        Assert.Equal(TimeSpan.FromMinutes(1), NodeConfiguration.ReadReconciler(configuration).Interval);
        Assert.Equal(TimeSpan.FromHours(23), Binance.Common.BinanceConfiguration.Read(configuration).MaxConnectionLifetime);
        Assert.Equal(65000m, Simulator.SimulatorConfiguration.Read(configuration).Engine.StartPrices["BTCUSDT"]);
        Assert.Equal("simulator-api-key", Simulator.SimulatorConfiguration.Read(configuration).ApiKey);
        Assert.Equal(["btc-trend", "eth-dip"], StrategyWiring.Read(configuration).Definitions.Select(d => d.Name));
    }

    [Fact]
    public void Environment_variables_override_the_config_files_and_the_command_line_overrides_both()
    {
        var file = WriteFile("extra.conf", "trading-actors.node-tests { file-only = file, file-and-env = file, all = file }");
        Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__file-and-env", "environment");
        Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__all", "environment");
        try
        {
            var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--config", file, "--set", "trading-actors.node-tests.all=command line"]));

            Assert.Equal(
                ("file", "environment", "command line"),
                (configuration.GetString("trading-actors.node-tests.file-only"), configuration.GetString("trading-actors.node-tests.file-and-env"), configuration.GetString("trading-actors.node-tests.all")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__file-and-env", null);
            Environment.SetEnvironmentVariable("TA_trading-actors__node-tests__all", null);
        }
    }

    [Fact]
    public void A_later_config_file_overrides_an_earlier_one_and_both_override_the_mode_file()
    {
        var first = WriteFile("first.conf", "trading-actors.node.status-interval = 7s\ntrading-actors.binance.environment = production");
        var second = WriteFile("second.conf", "trading-actors.node.status-interval = 9s");

        var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--config", first, "--config", second]));

        Assert.Equal(TimeSpan.FromSeconds(9), NodeConfiguration.ReadNode(configuration).StatusInterval);
        Assert.Equal("production", configuration.GetString("trading-actors.binance.environment"));
    }

    [Fact]
    public void Values_with_colons_and_spaces_pass_through_set_as_written()
    {
        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse(
            ["--set", "trading-actors.node.simulator-url=http://127.0.0.1:9000/", "--set", "trading-actors.node.management.token=a token: with # and \"quotes\""])));

        Assert.Equal(new Uri("http://127.0.0.1:9000/"), settings.SimulatorUrl);
        Assert.Equal("a token: with # and \"quotes\"", settings.ManagementToken);
    }

    [Fact]
    public void A_list_overridden_by_set_reads_as_its_comma_separated_items()
    {
        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse(["--set", "trading-actors.node.symbols=SOLUSDT, XRPUSDT"])));

        Assert.Equal(["SOLUSDT", "XRPUSDT"], settings.Symbols.Select(s => s.Value));
    }

    [Fact]
    public void A_list_overridden_by_set_may_be_written_as_a_hocon_list()
    {
        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse(["--set", "trading-actors.node.markets=[futures]"])));

        Assert.Equal([Market.Futures], settings.Markets);
    }

    [Fact]
    public void A_bad_value_names_its_key()
    {
        var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--set", "trading-actors.router.unknown-query-backoff=5x"]));

        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ReadRouter(configuration));

        Assert.Equal("trading-actors.router.unknown-query-backoff", error.Key);
        Assert.StartsWith("trading-actors.router.unknown-query-backoff: '5x' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_node_duration_names_its_key()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ReadNode(
            NodeConfiguration.Build(CommandLineOptions.Parse(["--set", "trading-actors.node.status-interval=often"]))));

        Assert.Equal("trading-actors.node.status-interval", error.Key);
    }

    [Theory]
    [InlineData("trading-actors.node {\n  speed = 2\n  mode = [\n}\n", "line 3")]
    [InlineData("trading-actors.node {\n  speed = 2\n", "line 1")]
    [InlineData("trading-actors.node.mode = \"paper\n", "line 1")]
    [InlineData("a { b = [1, 2\n}", "line 1")]
    public void A_malformed_file_names_the_file_and_the_line(string text, string line)
    {
        var file = WriteFile("broken.conf", text);

        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Build(CommandLineOptions.Parse(["--config", file])));

        Assert.Equal(file, error.Key);
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_named()
    {
        var file = Path.Combine(_directory, "absent.conf");

        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Build(CommandLineOptions.Parse(["--config", file])));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_environment_substitution_takes_the_variable_when_set_and_keeps_the_earlier_value_otherwise()
    {
        var file = WriteFile("secrets.conf", """
            trading-actors.node-tests {
              set = "default"
              set = ${?NODE_TESTS_SECRET_SET_4711}
              unset = "default"
              unset = ${?NODE_TESTS_SECRET_UNSET_4711}
            }
            """);
        Environment.SetEnvironmentVariable("NODE_TESTS_SECRET_SET_4711", "from: the environment");
        try
        {
            var configuration = NodeConfiguration.Build(CommandLineOptions.Parse(["--config", file]));

            Assert.Equal("from: the environment", configuration.GetString("trading-actors.node-tests.set"));
            Assert.Equal("default", configuration.GetString("trading-actors.node-tests.unset"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NODE_TESTS_SECRET_SET_4711", null);
        }
    }

    [Fact]
    public void The_reference_file_includes_the_module_files_beside_it_and_skips_absent_ones()
    {
        var hocon = Directory.CreateDirectory(Path.Combine(_directory, "hocon")).FullName;
        File.WriteAllText(Path.Combine(hocon, "reference.conf"), "include \"node.conf\"\ninclude \"absent.conf\"\n");
        File.WriteAllText(Path.Combine(hocon, "node.conf"), "trading-actors.node.status-interval = 3s\n");

        var settings = NodeConfiguration.ReadNode(NodeConfiguration.Build(CommandLineOptions.Parse([]), hocon));

        Assert.Equal(TimeSpan.FromSeconds(3), settings.StatusInterval);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string WriteFile(string name, string text)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
