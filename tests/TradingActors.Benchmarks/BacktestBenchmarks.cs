using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TradingActors.Exchange;
using TradingActors.Node.Backtest;
using TradingActors.Node.Config;
using TradingActors.Simulator.Engine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Market events per second through the full actor path of a backtest (the paper examples over the seeded path: engine,
/// gateway, features, strategies, risk, positions, intents, journal, with the driver waiting for the actors at every
/// replayed price), beside the same prices pushed straight through the engine and drained from its streams in the
/// same run. The gap is the cost of the actors and of the step-by-step barrier that keeps the run deterministic.
/// </summary>
public sealed class BacktestBenchmarks : IBenchmarkSuite
{
    public string Name => "backtest";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hours = context.Quick ? 2 : 24;
        var journal = Directory.Exists("/dev/shm") ? Directory.CreateDirectory(Path.Combine("/dev/shm", "ta-bench-" + Guid.NewGuid().ToString("N")[..8])) : Directory.CreateTempSubdirectory("ta-bench-");
        try
        {
            var setup = BacktestSetup.Prepare(CommandLineOptions.Parse(
                ["--mode", "backtest", "--data-dir", journal.FullName, "--set", $"trading-actors.backtest.seeded-duration={hours}h", "--set", "trading-actors.node.logging.console-level=error"]));
            var result = await new BacktestDriver(setup, NullLoggerFactory.Instance).RunAsync();
            var actors = new Measurement($"market events through the actors ({hours} h of 1m bars, {result.Trades.Count} trades)", result.EventsPerSecond);
            var engine = new Measurement("the same prices straight through the engine", EngineOnly(setup));
            context.Header("Backtest");
            context.Report(actors, engine, ">= 100,000 events/s");
        }
        finally
        {
            journal.Delete(recursive: true);
        }
    }

    private static double EngineOnly(BacktestSetup setup)
    {
        var slices = BacktestDriver.Slices(setup.Series);
        var clock = new BacktestClock(slices.Keys[0]);
        var venue = new EngineVenue(setup.Engine, clock);
        var streams = setup.Series.Select(s => s.Symbol).Distinct()
            .SelectMany(s => new[] { MarketDataSubscription.BookTickerOf(s), MarketDataSubscription.TradesOf(s), MarketDataSubscription.MarkPriceOf(s) }).ToList();
        var subscriptions = setup.Settings.Markets.Select(m => venue.For(m).SubscribeMarketDataAsync(streams).GetAwaiter().GetResult()).ToList();
        var steps = setup.Options.StepsPerBar;
        var watch = Stopwatch.StartNew();
        foreach (var (open, bars) in slices)
        {
            for (var k = 0; k < steps; k++)
            {
                clock.AdvanceTo(open + (bars[0].Series.Interval * k / steps));
                venue.Engine.Tick();
                foreach (var (series, bar) in bars)
                {
                    var price = BacktestDriver.PriceAt(bar, k, steps);
                    foreach (var market in setup.Settings.Markets.Where(series.Serves))
                    {
                        venue.Engine.SetPrice(market == Market.Spot ? MarketKind.Spot : MarketKind.Futures, series.Symbol.Value, price);
                        venue.PublishTrade(market, series.Symbol, price, bar.Volume / steps);
                    }
                }

                foreach (var subscription in subscriptions)
                {
                    while (subscription.Events.TryRead(out _))
                    {
                    }
                }
            }
        }

        return venue.MarketEvents / watch.Elapsed.TotalSeconds;
    }
}
