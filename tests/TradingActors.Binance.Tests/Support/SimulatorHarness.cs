using TradingActors.Binance.Common;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;

namespace TradingActors.Binance.Tests.Support;

/// <summary>
/// A simulator on a loopback port plus spot and futures exchanges pointed at it (real HTTP and
/// WebSocket). Timeouts and backoffs are short so fault scenarios finish in well under a second.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(SimulatorServer server, BinanceOptions options, CapturingLoggerFactory logs)
    {
        Server = server;
        Options = options;
        Logs = logs;
        Credentials = new BinanceCredentials(server.Options.ApiKey, server.Options.ApiSecret);
        Spot = new BinanceSpotExchange(options, Credentials, loggerFactory: logs);
        Futures = new BinanceFuturesExchange(options, Credentials, loggerFactory: logs);
    }

    public SimulatorServer Server { get; }

    public BinanceOptions Options { get; }

    public CapturingLoggerFactory Logs { get; }

    public BinanceCredentials Credentials { get; }

    public BinanceSpotExchange Spot { get; }

    public BinanceFuturesExchange Futures { get; }

    public static async Task<SimulatorHarness> StartAsync(Func<BinanceOptions, BinanceOptions>? configure = null, SimulatorOptions? simulator = null)
    {
        var server = await SimulatorServer.StartAsync(simulator ?? new SimulatorOptions());
        var options = new BinanceOptions
        {
            Environment = BinanceEnvironment.Simulator,
            Endpoints = BinanceEndpoints.ForSimulator(server.BaseAddress),
            RequestTimeout = TimeSpan.FromSeconds(2),
            UnknownResolutionAttempts = 4,
            UnknownResolutionInitialDelay = TimeSpan.FromMilliseconds(20),
            UnknownResolutionMaxDelay = TimeSpan.FromMilliseconds(100),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        return new SimulatorHarness(server, configure?.Invoke(options) ?? options, new CapturingLoggerFactory());
    }

    public decimal SpotPrice(string symbol = "BTCUSDT") => Server.Engine.Price(MarketKind.Spot, symbol).Last;

    public decimal FuturesPrice(string symbol = "BTCUSDT") => Server.Engine.Price(MarketKind.Futures, symbol).Last;

    public int LedgerCount(string clientId, string? outcomePrefix = null) =>
        Server.Ledger.Entries(clientId: clientId).Count(e => e.Action != "CANCEL" && (outcomePrefix is null || e.Outcome.StartsWith(outcomePrefix, StringComparison.OrdinalIgnoreCase)));

    public async ValueTask DisposeAsync()
    {
        Spot.Dispose();
        Futures.Dispose();
        await Server.DisposeAsync();
    }
}
