using TradingActors.Exchange;
using TradingActors.Node.Config;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Strategy;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Backtest;

/// <summary>
/// Everything a run needs, read and checked before anything starts: the configuration, the strategies, the history
/// (every strategy's symbol and market must have some) and the engine's options (the simulator's fee schedule and book
/// model, with the strategies' equity as the account's only money).
/// </summary>
public sealed record BacktestSetup(
    AkkaConfig Configuration,
    NodeSettings Settings,
    BacktestOptions Options,
    IReadOnlyList<StrategyDefinition> Strategies,
    IReadOnlyList<KlineSeries> Series,
    EngineOptions Engine,
    decimal InitialCapital)
{
    /// <summary>Reads and checks; a <see cref="NodeConfigurationException"/> or <see cref="BacktestDataException"/> says what is wrong.</summary>
    public static BacktestSetup Prepare(CommandLineOptions commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var configuration = NodeConfiguration.Build(commandLine);
        var settings = NodeConfiguration.ReadNode(configuration);
        var options = BacktestOptions.Read(configuration);
        var strategies = StrategyWiring.Read(configuration).Definitions;
        if (strategies.Count == 0)
        {
            throw new NodeConfigurationException(StrategyDefinitions.Block, "no strategy is configured: a backtest has nothing to run.");
        }

        var simulator = NodeConfiguration.ReadModule("trading-actors.simulator", () => SimulatorConfiguration.Read(configuration));
        var series = options.Data is { } data
            ? BacktestData.Load(data, options.From, options.To)
            : BacktestData.Seeded(
                simulator.Engine,
                strategies.Select(s => s.Symbol),
                options.From ?? options.SeededStart,
                options.To ?? (options.From ?? options.SeededStart) + options.SeededDuration);
        foreach (var strategy in strategies)
        {
            if (!series.Any(s => s.Symbol == strategy.Symbol && s.Serves(strategy.Market)))
            {
                throw new NodeConfigurationException(
                    $"{StrategyDefinitions.Block}.{strategy.Name}",
                    $"trades {strategy.Symbol} on {strategy.Market.ToString().ToLowerInvariant()}, and {options.Data ?? "the seeded path"} has no data for it{Window(options)}.");
            }
        }

        var markets = strategies.Select(s => s.Market).Distinct().OrderBy(m => m).ToList();
        var futuresEquity = strategies.Where(s => s.Market == Market.Futures).Sum(s => s.Equity);
        var spotEquity = strategies.Where(s => s.Market == Market.Spot).Sum(s => s.Equity);
        var symbols = series.Select(s => s.Symbol).Distinct().OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
        var step = Step(series, options);
        var engine = simulator.Engine with
        {
            Symbols = [.. symbols.Select(s => s.Value)],
            StartPrices = series.GroupBy(s => s.Symbol.Value).ToDictionary(g => g.Key, g => g.First().Bars[0].Open),
            SpotBalances = new Dictionary<string, decimal> { ["USDT"] = spotEquity },
            FuturesWalletBalance = futuresEquity,
            PricePath = new HeldPricePath(),
            PriceStep = step,
            KlineHistoryMinutes = 0,
        };
        var node = settings with
        {
            Mode = NodeMode.Backtest,
            Symbols = symbols,
            Markets = markets,
            StatusInterval = TimeSpan.Zero,
        };
        return new BacktestSetup(configuration, node, options, strategies, series, engine, futuresEquity + spotEquity);
    }

    private static string Window(BacktestOptions options) =>
        options.From is null && options.To is null ? string.Empty : $" between {options.From?.ToString("yyyy-MM-dd HH:mm") ?? "the start"} and {options.To?.ToString("yyyy-MM-dd HH:mm") ?? "the end"}";

    // The engine settles funding as its clock passes; one engine step per replayed price.
    private static TimeSpan Step(IReadOnlyList<KlineSeries> series, BacktestOptions options) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, series.Min(s => s.Interval.Ticks) / options.StepsPerBar));

    /// <summary>The engine's own path stands still: prices come from the recorded bars.</summary>
    private sealed class HeldPricePath : IPricePath
    {
        public decimal? Next(string symbol, decimal current, long stepIndex) => null;
    }
}
