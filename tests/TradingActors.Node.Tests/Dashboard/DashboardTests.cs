using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingActors.Node.Config;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;

namespace TradingActors.Node.Tests.Dashboard;

/// <summary>
/// The web dashboard in the system's headless Chromium, driven by tests/dashboard (playwright-core) against a paper
/// node whose example strategies trade: the script checks the page, this test checks the simulator afterwards.
/// Missing Node.js, packages or Chromium fail the test: a skipped browser check proves nothing.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-dashboard-" + Guid.NewGuid().ToString("N"));
    private NodeHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        string[] arguments =
        [
            "--data-dir", _directory, "--port", "0",
            "--set", $"trading-actors.node.management.token={NodeFixture.Token}",
            "--set", "trading-actors.node.status-interval=0",
            "--set", "trading-actors.node.logging.console-level=warning",

            // The examples' 1-minute bars would take minutes to warm their indicators up: the page is what is tested.
            "--set", "trading-actors.strategies.btc-trend.bar-interval=5s",
            "--set", "trading-actors.strategies.eth-dip.bar-interval=5s",
        ];
        _host = await NodeHost.StartAsync(CommandLineOptions.Parse(arguments), TextWriter.Null);
        _client = new HttpClient { BaseAddress = _host.ManagementAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.ThatAsync(async () => (await _client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK, "the node never became ready");
        await Eventually.ThatAsync(
            () => Task.FromResult(_host.Node.Markets.Values.All(m => _host.Node.Settings.Symbols.All(s => m.Context.Quotes.TryGet(s, out _)))),
            "no quotes arrived");
    }

    [Fact]
    public async Task The_dashboard_shows_the_node_live_and_its_actions_reach_the_exchange()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian chromium package (tests/run does)");
        var suite = Path.Combine(FindRepositoryRoot(), "tests", "dashboard");
        await EnsurePackagesAsync(suite);
        var screenshots = Directory.CreateDirectory(Path.Combine(suite, "screenshots")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["DASHBOARD_URL"] = _host.ManagementAddress.ToString(),
            ["DASHBOARD_TOKEN"] = NodeFixture.Token,
            ["DASHBOARD_SIMULATOR_URL"] = _host.Node.Simulator!.BaseAddress.ToString(),
            ["DASHBOARD_SIGNAL_WAIT_MS"] = "150000",
            ["DASHBOARD_SCREENSHOT"] = Path.Combine(screenshots, "dashboard.png"),
            ["DASHBOARD_SCREENSHOT_DARK"] = Path.Combine(screenshots, "dashboard-dark.png"),
            ["DASHBOARD_SCREENSHOT_PHONE"] = Path.Combine(screenshots, "dashboard-phone.png"),
            ["CHROMIUM"] = Chromium,
        };

        var (exitCode, output) = await RunAsync("node", ["dashboard.test.mjs"], suite, environment, ScriptTimeout);

        Assert.True(exitCode == 0, $"the dashboard script failed (exit code {exitCode}):\n{output}");
        var resultLine = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(resultLine["RESULT ".Length..]);
        Assert.True(result.RootElement.GetProperty("appearedMs").GetInt32() < 2000, output);
        await AssertClosedOnTheExchangeAsync(result.RootElement.GetProperty("closed").GetString()!);
        await AssertTheExchangeIsFlatAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The page's close sent exactly one exit order, and the simulator filled all of it.</summary>
    private async Task AssertClosedOnTheExchangeAsync(string id)
    {
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/positions/{id}");
        Assert.Equal("Closed", detail.GetProperty("position").GetProperty("state").GetString());
        var exitIntent = detail.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "CloseStarted").GetProperty("event").GetProperty("exitIntent").GetString()!;
        var digest = ClientOrderIds.Derive(ClientOrderIds.DefaultPrefix, new IntentId(exitIntent), "x").Value[..^2];
        var sent = _host.Node.Simulator!.Ledger.Entries(market: "futures")
            .Where(e => e.Action == "NEW" && e.ClientId is { } c && c.StartsWith(digest, StringComparison.Ordinal))
            .ToList();
        Assert.Single(sent);
        var order = _host.Node.Simulator.Engine.AllOrders(MarketKind.Futures, "ETHUSDT", limit: 100_000).Single(o => o.ClientOrderId == sent[0].ClientId);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(0.1m, order.ExecutedQty);
    }

    /// <summary>After the page's kill switch: no position and no order left on the simulator.</summary>
    private async Task AssertTheExchangeIsFlatAsync()
    {
        var engine = _host.Node.Simulator!.Engine;
        await Eventually.ThatAsync(
            () => Task.FromResult(engine.OpenOrders(MarketKind.Spot, null).Count == 0
                && engine.OpenOrders(MarketKind.Futures, null).Count == 0
                && engine.AlgoOrders(null, openOnly: true).Count == 0
                && engine.Positions().All(p => p.PositionAmt == 0m)),
            () => "the kill switch did not leave the simulator flat: "
                + string.Join("; ", engine.OpenOrders(MarketKind.Spot, null).Concat(engine.OpenOrders(MarketKind.Futures, null)))
                + string.Join("; ", engine.AlgoOrders(null, openOnly: true)) + string.Join("; ", engine.Positions().Where(p => p.PositionAmt != 0m)),
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Runs <c>npm ci</c> when node_modules is missing or older than package-lock.json.</summary>
    private static async Task EnsurePackagesAsync(string suite)
    {
        var lockFile = Path.Combine(suite, "package-lock.json");
        var installedLock = Path.Combine(suite, "node_modules", ".package-lock.json");
        if (File.Exists(installedLock) && File.GetLastWriteTimeUtc(installedLock) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], suite, [], InstallTimeout);
        Assert.True(exitCode == 0, $"'npm ci' in {suite} failed (exit code {exitCode}):\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Could not start '{program}' ({e.Message}): the dashboard test needs Node.js 20+ and npm on PATH.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout}:\n{Snapshot(output)}");
        }

        // The exit event can precede the last redirected lines; this overload waits for them.
        await process.WaitForExitAsync();
        return (process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TradingActors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TradingActors.sln above {AppContext.BaseDirectory}");
    }
}
