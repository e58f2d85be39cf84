using System.Net;
using TradingActors.Node;
using TradingActors.Node.Config;

namespace TradingActors.Cli.Tests;

/// <summary>A paper node in-process (simulator and management API on free loopback ports, a temporary data directory), and tradectl run against it in-process.</summary>
public sealed class PaperNode : IAsyncLifetime
{
    public const string Token = "cli-test-token-0123456789abcdef";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-cli-" + Guid.NewGuid().ToString("N"));

    public NodeHost Host { get; private set; } = null!;

    public string Url => Host.ManagementAddress.ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Host = await NodeHost.StartAsync(
            CommandLineOptions.Parse(
            [
                "--data-dir", _directory, "--port", "0",
                "--set", $"trading-actors.node.management.token={Token}",
                "--set", "trading-actors.node.status-interval=0",
                "--set", "trading-actors.node.logging.console-level=warning",
                "--set", "trading-actors.strategies.btc-trend.enabled=false",
                "--set", "trading-actors.strategies.eth-dip.enabled=false",
            ]),
            TextWriter.Null);
        using var client = new HttpClient { BaseAddress = Host.ManagementAddress };
        await Eventually.ThatAsync(async () => (await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK, "the node never became ready");
        await Eventually.ThatAsync(
            () => Task.FromResult(Host.Node.Markets.Values.All(m => Host.Node.Settings.Symbols.All(s => m.Context.Quotes.TryGet(s, out _)))),
            "no quotes arrived");
    }

    /// <summary>Runs tradectl with the node's URL and token in its environment (as TRADECTL_NODE and TRADECTL_TOKEN), unless told otherwise.</summary>
    public async Task<CliRun> RunAsync(string[] args, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? new Dictionary<string, string> { ["TRADECTL_NODE"] = Url, ["TRADECTL_TOKEN"] = Token };
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = input is null ? null : new StringReader(input);
        var code = await Tradectl.RunAsync(args, output, error, reader, name => env.GetValueOrDefault(name));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public async Task DisposeAsync()
    {
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
