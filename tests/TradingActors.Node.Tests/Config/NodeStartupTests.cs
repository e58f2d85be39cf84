namespace TradingActors.Node.Tests.Config;

public sealed class NodeStartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-node-config-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Malformed_setting_exits_2_naming_the_key()
    {
        var code = await RunAsync("--data-dir", _directory, "--speed", "fast");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.node.speed", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_node_whose_postgresql_cannot_be_reached_says_so_and_exits_2_at_once()
    {
        var code = await RunAsync(
            "--mode", "cluster", "--data-dir", _directory, "--port", "0",
            "--set", "trading-actors.persistence.postgresql.connection-string=Host=127.0.0.1;Port=1;Username=trading;Timeout=3");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("cannot connect to the journal database", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("trading-actors.persistence.postgresql.connection-string", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_seed_that_is_not_host_and_port_exits_2_naming_the_key()
    {
        var code = await RunAsync("--mode", "cluster", "--data-dir", _directory, "--seeds", "127.0.0.1:4053,node2");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.cluster.seed-nodes", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'node2' is not host:port", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_module_setting_exits_2_naming_the_key()
    {
        var code = await RunAsync("--data-dir", _directory, "--set", "trading-actors.persistence.batch-size=many");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.persistence.batch-size", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hocon_syntax_error_exits_2_naming_the_file_and_line()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "application.conf");
        await File.WriteAllTextAsync(file, "trading-actors.node {\n  speed = \n  mode = [\n");

        var code = await RunAsync("--data-dir", _directory, "--config", file);

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("application.conf", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("line", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategy_rule_with_a_syntax_error_exits_2_naming_the_key_and_column()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "strategies.conf");
        await File.WriteAllTextAsync(file, """
            trading-actors.strategies.broken {
              market = FUTURES
              symbol = BTCUSDT
              entry.long.when = "ema(9) >> ema(21)"
              stop-distance = "atr(14) * 2"
            }
            """);

        var code = await RunAsync("--data-dir", _directory, "--port", "0", "--config", file,
            "--set", "trading-actors.node.management.token=test-token-0123456789abcdef");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.strategies.broken.entry.long", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("column", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_exits_2()
    {
        var code = await RunAsync("--sped", "2");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("--sped", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_mode_without_the_live_flag_is_refused()
    {
        var code = await RunAsync("--data-dir", _directory, "--mode", "live");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("--live", _error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task Live_mode_without_keys_is_refused_naming_the_variables()
    {
        var code = await RunAsync(
            "--data-dir", _directory, "--mode", "live", "--live", "--port", "0",
            "--set", "trading-actors.node.management.token=test-token-0123456789abcdef",
            "--set", "trading-actors.binance.api-key-variable=TA_NODE_TEST_MISSING_KEY",
            "--set", "trading-actors.binance.api-secret-variable=TA_NODE_TEST_MISSING_SECRET");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("TA_NODE_TEST_MISSING_KEY", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_loopback_management_address_without_a_token_is_refused()
    {
        var code = await RunAsync("--data-dir", _directory, "--set", "trading-actors.node.management.host=0.0.0.0");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.node.management.token", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_port_in_use_exits_1_with_a_clear_message()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var code = await RunAsync(
            "--data-dir", _directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--set", "trading-actors.node.logging.console-level=fatal");

        Assert.Equal(NodeHost.ExitFailure, code);
        Assert.Contains("could not start", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_options_and_exits_0()
    {
        var code = await RunAsync("--help");

        Assert.Equal(NodeHost.ExitOk, code);
        Assert.Contains("--duration", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_node_runs_for_its_duration_then_stops_cleanly_with_a_generated_token()
    {
        var code = await RunAsync(
            "--data-dir", _directory, "--port", "0", "--duration", "1s",
            "--set", "trading-actors.node.logging.console-level=warning",
            "--set", "trading-actors.node.status-interval=200ms");

        Assert.Equal(NodeHost.ExitOk, code);
        var tokenFile = Path.Combine(_directory, "management-token");
        Assert.True(File.Exists(tokenFile));
        var token = await File.ReadAllTextAsync(tokenFile);
        Assert.DoesNotContain(token, _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(Path.Combine(_directory, "node.log.json")), StringComparison.Ordinal);
        Assert.Contains(tokenFile, _output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "akka-journal.db")));
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private Task<int> RunAsync(params string[] args) => NodeHost.RunAsync(args, _output, _error);
}
