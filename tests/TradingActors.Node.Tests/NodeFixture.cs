using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests;

/// <summary>A paper-mode node in-process: simulator and management API on free loopback ports, a temporary data directory.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-node-" + Guid.NewGuid().ToString("N"));

    public NodeHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static IReadOnlyList<string> Arguments(string directory, params string[] more) =>
    [
        "--data-dir", directory, "--port", "0",
        "--set", $"trading-actors.node.management.token={Token}",
        "--set", "trading-actors.node.status-interval=0",
        "--set", "trading-actors.node.logging.console-level=warning",
        "--set", "trading-actors.positions.entry-verification-deadline=5s",
        "--set", "trading-actors.positions.verification-backoff=100ms",

        // paper.conf's example strategies would trade the same symbols as the tests: off, so every order is the test's.
        "--set", "trading-actors.strategies.btc-trend.enabled=false",
        "--set", "trading-actors.strategies.eth-dip.enabled=false",
        .. more,
    ];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Host = await NodeHost.StartAsync(CommandLineOptions.Parse(Arguments(_directory)), TextWriter.Null);
        Client = new HttpClient { BaseAddress = Host.ManagementAddress, Timeout = TimeSpan.FromSeconds(20) };
        await Eventually.ThatAsync(async () => (await Client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK, "the node never became ready");
        await Eventually.ThatAsync(
            () => Task.FromResult(Host.Node.Markets.Values.All(m => Host.Node.Settings.Symbols.All(s => m.Context.Quotes.TryGet(s, out _)))),
            "no quotes arrived");
    }

    public HttpRequestMessage Authorized(HttpMethod method, string path, object? body = null, string token = Token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        return request;
    }

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
