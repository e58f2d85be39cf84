using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using TradingActors.Binance;
using TradingActors.Binance.Common;
using TradingActors.Exchange;
using TradingActors.Node.Clustering;
using TradingActors.Node.Config;
using TradingActors.Node.Persistence;
using Akka.Persistence.Sql.Query;
using TradingActors.Node.ReadSide;
using TradingActors.Trading.ReadSide;
using TradingActors.Simulator;
using TradingActors.Trading;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Time;

namespace TradingActors.Node;

/// <summary>
/// Everything that trades: the simulator (paper mode), the actor system (a cluster member, alone or with others)
/// with its journal, the actors of each market, the risk manager, the reconciler, the strategies and the read side.
/// Started and stopped as one.
/// </summary>
public sealed class TradingNode : IAsyncDisposable
{
    private readonly List<IDisposable> _exchanges;
    private readonly ILogger _logger;
    private bool _stopped;

    private TradingNode(
        NodeSettings settings, ActorSystem system, IReadOnlyDictionary<Market, MarketActors> markets, SimulatorServer? simulator,
        List<IDisposable> exchanges, StrategyWiring strategies, IActorRef reconciler, IActorRef positions, JournalReader journal, ILogger logger)
    {
        Positions = positions;
        Journal = journal;
        Reconciler = reconciler;
        Settings = settings;
        System = system;
        Markets = markets;
        Simulator = simulator;
        _exchanges = exchanges;
        Strategies = strategies;
        _logger = logger;
    }

    public NodeSettings Settings { get; }

    public ActorSystem System { get; }

    public IReadOnlyDictionary<Market, MarketActors> Markets { get; }

    /// <summary>The in-process exchange of paper mode; null otherwise.</summary>
    public SimulatorServer? Simulator { get; }

    public StrategyWiring Strategies { get; }

    public IActorRef Reconciler { get; }

    /// <summary>The read side's position listing (<see cref="PositionListProjection"/>).</summary>
    public IActorRef Positions { get; }

    public JournalReader Journal { get; }

    /// <summary>How long an operator's request may wait, in the node's clock (which a sped-up paper run accelerates).</summary>
    public TimeSpan OperatorTimeout(TimeSpan realTime) => ScaledTimeProvider.OfRealTime(TradingClock.Get(System).TimeProvider, realTime);

    /// <param name="clock">The node's clock when the caller owns it (a backtest's virtual time); otherwise the wall clock, sped up by <see cref="NodeSettings.Speed"/>.</param>
    /// <param name="exchanges">The exchange of each market when the caller provides them (a backtest's in-process venue); otherwise the Binance connector.</param>
    public static async Task<TradingNode> StartAsync(
        NodeSettings settings, Akka.Configuration.Config configuration, ILoggerFactory loggerFactory, CancellationToken ct = default,
        TimeProvider? clock = null, Func<Market, IExchange>? exchanges = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<TradingNode>();

        // Everything is read before anything starts, so a bad setting stops the node with nothing to undo.
        clock ??= settings.Speed == 1m ? TimeProvider.System : new ScaledTimeProvider((double)settings.Speed);
        var journal = JournalConfiguration.Read(configuration.GetConfig(JournalConfiguration.Path), settings.DataDirectory);
        var routerSettings = NodeConfiguration.ReadRouter(configuration);
        var positionSettings = NodeConfiguration.ReadPositions(configuration);
        var reconcilerSettings = NodeConfiguration.ReadReconciler(configuration);
        var binance = NodeConfiguration.ReadModule("trading-actors.binance", () => BinanceConfiguration.Read(configuration));
        var strategies = StrategyWiring.Read(configuration);
        var cluster = settings.Mode == NodeMode.Cluster ? ClusterNodeSettings.Read(configuration) : null;

        // Paper mode trades against a simulator (unless the caller brings the venue, as a backtest does); so does a
        // cluster whose exchange is the simulator (the standalone one).
        var simulated = (settings.Mode == NodeMode.Paper && exchanges is null) || (cluster is not null && binance.Environment == BinanceEnvironment.Simulator);
        var simulatorOptions = simulated
            ? NodeConfiguration.ReadModule("trading-actors.simulator", () => SimulatorConfiguration.Read(configuration))
            : null;
        if (cluster is not null && simulated && settings.SimulatorUrl is null)
        {
            throw new NodeConfigurationException("trading-actors.node.simulator-url", "a cluster trading the simulator needs the standalone simulator's address.");
        }

        if (cluster is not null && binance.Environment == BinanceEnvironment.Production && !settings.LiveConfirmed)
        {
            throw new NodeConfigurationException("trading-actors.node.live", "this cluster trades real money on Binance: start it with the --live flag to confirm.");
        }

        var credentials = simulated || exchanges is not null ? null : LoadCredentials(binance);
        var clusterConfig = cluster?.AkkaConfig(journal);

        Directory.CreateDirectory(settings.DataDirectory);
        SimulatorServer? simulator = null;
        if (simulatorOptions is not null && settings.SimulatorUrl is { } external)
        {
            binance = binance with { Endpoints = BinanceEndpoints.ForSimulator(external) };
            credentials = new BinanceCredentials(simulatorOptions.ApiKey, simulatorOptions.ApiSecret);
            logger.LogInformation("Trading against the standalone simulator at {Address}", external);
        }
        else if (simulatorOptions is not null)
        {
            simulatorOptions = simulatorOptions with
            {
                Symbols = simulatorOptions.Symbols.Union(settings.Symbols.Select(s => s.Value)).ToList(),
                TimeProvider = clock,

                // A recvWindow of virtual milliseconds is a fraction of real ones: a busy machine would see -1021.
                CheckTimestamps = simulatorOptions.CheckTimestamps && settings.Speed == 1m,
            };
            simulator = await SimulatorServer.StartAsync(simulatorOptions, ct);

            // A fresh in-process exchange knows nothing of a previous run: positions the journal still has open
            // from it are closed by the first reconciliation instead of waiting forever for trades.
            reconcilerSettings = reconcilerSettings with { VanishedPositions = VanishedPositionAction.Close };
            binance = binance with { Endpoints = BinanceEndpoints.ForSimulator(simulator.BaseAddress) };
            credentials = new BinanceCredentials(simulator.Options.ApiKey, simulator.Options.ApiSecret);
            logger.LogInformation(
                "Simulator listening on {Address} (price step {Step}, speed {Speed}x)", simulator.BaseAddress, simulatorOptions.Engine.PriceStep, settings.Speed);
        }

        if (exchanges is not null)
        {
            // The caller's venue starts empty like paper mode's in-process simulator.
            reconcilerSettings = reconcilerSettings with { VanishedPositions = VanishedPositionAction.Close };
        }

        await journal.PrepareStorageAsync(ct);
        var akka = NodeAkkaConfig.Build(configuration, journal, clock, (double)settings.Speed);
        var system = ActorSystem.Create(ClusterNodeSettings.SystemName, clusterConfig is null ? akka : clusterConfig.WithFallback(akka));
        var connections = new List<IDisposable>();
        try
        {
            logger.LogInformation("Journal: {Journal}", journal);
            await JoinAsync(system, cluster, logger, ct);
            var reader = await JournalReader.ConnectAsync(system, TimeSpan.FromSeconds(60), ct);
            var streams = settings.Symbols.Concat(strategies.Symbols).Distinct()
                .SelectMany(s => new[] { MarketDataSubscription.BookTickerOf(s), MarketDataSubscription.TradesOf(s) })
                .ToList();
            var markets = new Dictionary<Market, MarketActors>();
            foreach (var market in settings.Markets)
            {
                IExchange exchange = exchanges is not null
                    ? exchanges(market)
                    : market == Market.Futures
                        ? new BinanceFuturesExchange(binance, credentials!, timeProvider: clock, loggerFactory: loggerFactory)
                        : new BinanceSpotExchange(binance, credentials!, timeProvider: clock, loggerFactory: loggerFactory);
                if (exchange is IDisposable disposable)
                {
                    connections.Add(disposable);
                }

                if (cluster is not null)
                {
                    exchange = FencedExchange.Wrap(exchange, ClusterFence.Get(system));
                }

                markets[market] = await MarketActors.StartAsync(system, new MarketContext(exchange, routerSettings), streams, positionSettings);
            }

            var positions = system.ActorOf(PositionListProjection.Props(SqlReadJournal.Identifier), "position-list");
            var reconciler = Singletons.Start(
                system, MarketActors.Supervised(Trading.Reconciliation.Reconciler.Props(markets, reconcilerSettings, positions), "reconciler"), "reconciler");
            await strategies.StartAsync(system, markets, positions, logger);
            logger.LogInformation(
                "Node started in {Mode} mode: markets {Markets}, symbols {Symbols}",
                settings.Mode, string.Join(", ", markets.Keys), string.Join(", ", settings.Symbols));
            return new TradingNode(settings, system, markets, simulator, connections, strategies, reconciler, positions, reader, logger);
        }
        catch
        {
            await system.Terminate();
            connections.ForEach(e => e.Dispose());
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Stops the strategies first (no new entries; open positions keep their protective orders on the exchange),
    /// then terminates the actor system, which flushes and closes the journal.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Strategies.StopAsync(Settings.ShutdownTimeout, _logger);
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        _exchanges.ForEach(e => e.Dispose());
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        _logger.LogInformation("Node stopped; journal flushed");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// A single node is a cluster of one: it joins itself. A cluster node joins its seed nodes (configured in Akka's
    /// seed-nodes, joined when the system starts). Either is Up once the join is seen.
    /// </summary>
    private static async Task JoinAsync(ActorSystem system, ClusterNodeSettings? settings, ILogger logger, CancellationToken ct)
    {
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(up.SetResult);
        if (settings is null)
        {
            await cluster.JoinAsync(cluster.SelfAddress, ct);
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return;
        }

        logger.LogInformation(
            "Joining the cluster as {Address} (seed nodes {Seeds})", cluster.SelfAddress, string.Join(", ", settings.SeedNodes.Select(s => $"{s.Host}:{s.Port}")));
        try
        {
            await up.Task.WaitAsync(settings.JoinTimeout, ct);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"no seed node answered within {settings.JoinTimeout.TotalSeconds:0} s (trading-actors.cluster.seed-nodes); the first seed node forms the cluster, the others join one that is up.");
        }

        logger.LogInformation("Cluster member Up: {Members}", string.Join(", ", cluster.State.Members.Select(m => $"{m.Address} {m.Status}")));
    }

    private static BinanceCredentials LoadCredentials(BinanceOptions options)
    {
        try
        {
            return options.LoadCredentials();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
        {
            var key = options.SecretsFile is null ? "trading-actors.binance.api-key-variable" : "trading-actors.binance.secrets-file";
            throw new NodeConfigurationException(key, e.Message, e);
        }
    }
}
