using Akka.Configuration;
using TradingActors.Binance.Common;

namespace TradingActors.Binance.Tests.Common;

public sealed class BinanceConfigurationTests
{
    [Fact]
    public void The_reference_config_reads_back_as_the_code_defaults()
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(ReferencePath()));

        var options = BinanceConfiguration.Read(config);

        Assert.Equal(new BinanceOptions(), options);
    }

    [Fact]
    public void Environment_endpoints_and_durations_are_read_from_hocon()
    {
        var config = ConfigurationFactory.ParseString("""
            trading-actors.binance {
              environment = testnet
              endpoints { futures-rest = "http://127.0.0.1:9000/" }
              request-timeout = 1500ms
              listen-key-keep-alive = 20 minutes
              rate-limit-utilization = 0.5
            }
            """);

        var options = BinanceConfiguration.Read(config);

        Assert.Equal(BinanceEnvironment.Testnet, options.Environment);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), options.ResolveEndpoints().FuturesRest);
        Assert.Equal(BinanceEndpoints.Testnet.SpotRest, options.ResolveEndpoints().SpotRest);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(20), options.ListenKeyKeepAlive);
        Assert.Equal(0.5m, options.RateLimitUtilization);
    }

    [Fact]
    public void A_malformed_value_is_an_error_naming_its_key()
    {
        var config = ConfigurationFactory.ParseString("trading-actors.binance.request-timeout = soon");

        var error = Assert.Throws<FormatException>(() => BinanceConfiguration.Read(config));

        Assert.StartsWith("trading-actors.binance.request-timeout: 'soon' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("5s", 5_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("\"00:00:05\"", 5_000)]
    [InlineData("1500", 1_500)]
    public void Durations_read_as_they_did_before_akka_parsed_the_files(string text, int milliseconds)
    {
        var options = BinanceConfiguration.Read(ConfigurationFactory.ParseString($"trading-actors.binance.request-timeout = {text}"));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.RequestTimeout);
    }

    [Fact]
    public void An_absent_block_reads_as_the_defaults()
    {
        Assert.Equal(new BinanceOptions(), BinanceConfiguration.Read(Config.Empty));
    }

    [Fact]
    public void Only_the_simulator_is_the_default_environment_so_no_test_can_reach_binance_by_accident()
    {
        var options = new BinanceOptions();

        Assert.Equal(BinanceEnvironment.Simulator, options.Environment);
        Assert.Equal("127.0.0.1", options.ResolveEndpoints().SpotRest.Host);
    }

    [Fact]
    public void Credentials_load_from_a_secrets_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# binance\napi-key = key-from-file\napi-secret = secret-from-file\n");

            var credentials = new BinanceOptions { SecretsFile = path }.LoadCredentials();

            Assert.Equal("key-from-file", credentials.ApiKey);
            Assert.Equal("secret-from-file", credentials.ApiSecret);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_credentials_are_a_clear_error_naming_the_variables()
    {
        var options = new BinanceOptions { ApiKeyVariable = "TA_TEST_UNSET_KEY_8731", ApiSecretVariable = "TA_TEST_UNSET_SECRET_8731" };

        var error = Assert.Throws<InvalidOperationException>(options.LoadCredentials);

        Assert.Contains("TA_TEST_UNSET_KEY_8731", error.Message, StringComparison.Ordinal);
    }

    private static string ReferencePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "hocon", "binance.conf")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("hocon/binance.conf not found above the test directory."), "hocon", "binance.conf");
    }
}
