using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Management;

public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-node-ready-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ready_is_503_naming_the_failing_checks_while_the_exchange_is_unreachable()
    {
        var secrets = Path.Combine(_directory, "binance-secrets");
        await File.WriteAllTextAsync(secrets, "api-key=test-key\napi-secret=test-secret\n");
        const string Nowhere = "http://127.0.0.1:1/";
        var args = NodeFixture.Arguments(
            _directory,
            "--mode", "testnet",
            "--set", $"trading-actors.binance.secrets-file={secrets}",
            "--set", $"trading-actors.binance.endpoints.spot-rest={Nowhere}",
            "--set", $"trading-actors.binance.endpoints.futures-rest={Nowhere}",
            "--set", "trading-actors.binance.endpoints.spot-streams=ws://127.0.0.1:1",
            "--set", "trading-actors.binance.endpoints.spot-websocket-api=ws://127.0.0.1:1/ws-api/v3",
            "--set", "trading-actors.binance.endpoints.futures-streams=ws://127.0.0.1:1/fstream",
            "--set", "trading-actors.binance.request-timeout=1s",
            "--set", "trading-actors.node.logging.console-level=fatal");
        await using var host = await NodeHost.StartAsync(CommandLineOptions.Parse(args), TextWriter.Null);
        using var client = new HttpClient { BaseAddress = host.ManagementAddress };

        var response = await client.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("ready").GetBoolean());
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("ok").GetBoolean());
        Assert.True(checks["journal"]);
        Assert.False(checks["gateway-futures"]);
        Assert.False(checks["gateway-spot"]);
        Assert.Null(host.Node.Simulator);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
