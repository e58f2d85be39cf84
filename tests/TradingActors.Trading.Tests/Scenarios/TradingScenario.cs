using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using TradingActors.Binance;
using TradingActors.Binance.Common;
using TradingActors.Exchange;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Ledger;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.ReadSide;
using TradingActors.Trading.Tests.Support;
using TradingActors.Trading.Time;
using static TradingActors.Trading.Gateways.ExchangeGateway;

namespace TradingActors.Trading.Tests.Scenarios;

/// <summary>
/// The trading actors against the in-process simulator (real HTTP and WebSocket on loopback), on a one-node cluster
/// with an Akka.Persistence.Sql journal on SQLite in a temporary directory. Prices move only when a test sets them.
/// <see cref="Kit"/> is an Akka test kit on the node's actor system (probes, AwaitAssert).
/// </summary>
public sealed class TradingScenario : IAsyncDisposable
{
    public static readonly Symbol Btc = new("BTCUSDT");

    private readonly string _directory;
    private readonly PositionSettings _positionSettings;
    private readonly TimeProvider _clock;
    private readonly SimulatorOptions _simulatorOptions;
    private BinanceFuturesExchange? _futuresExchange;
    private BinanceSpotExchange? _spotExchange;

    private TradingScenario(SimulatorServer simulator, SimulatorOptions simulatorOptions, string directory, PositionSettings positionSettings, TimeProvider clock)
    {
        _clock = clock;
        _simulatorOptions = simulatorOptions;
        Simulator = simulator;
        _directory = directory;
        _positionSettings = positionSettings;
    }

    public SimulatorServer Simulator { get; private set; }


    public ActorSystem System { get; private set; } = null!;

    public TestKit Kit { get; private set; } = null!;

    /// <summary>The read side's position list (<see cref="PositionListProjection"/>), as the node starts it.</summary>
    public IActorRef PositionList { get; private set; } = null!;

    public MarketActors Futures { get; private set; } = null!;

    public MarketActors Spot { get; private set; } = null!;

    /// <summary>
    /// Starts the simulator (on virtual time; <paramref name="simulatorOptions"/> to change its exchange) and the actors;
    /// <paramref name="clock"/> drives the actors' timers (a manual clock for hours-long tests).
    /// </summary>
    public static async Task<TradingScenario> StartAsync(PositionSettings? positionSettings = null, TimeProvider? clock = null, SimulatorOptions? simulatorOptions = null)
    {
        var options = (simulatorOptions ?? new SimulatorOptions()) with { VirtualTime = true };
        var simulator = await SimulatorServer.StartAsync(options);
        var directory = Path.Combine(Path.GetTempPath(), "ta-scenario-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var scenario = new TradingScenario(simulator, options, directory, positionSettings ?? new PositionSettings
        {
            EntryVerificationDeadline = TimeSpan.FromSeconds(3),
            VerificationBackoff = TimeSpan.FromMilliseconds(100),
        }, clock ?? TimeProvider.System);
        scenario.SetPrice(Btc, 50_000m);
        await scenario.StartNodeAsync();
        return scenario;
    }

    /// <summary>Starts the actors on the journal (again, after <see cref="StopNodeAsync"/>: a restart).</summary>
    public async Task StartNodeAsync()
    {
        System = ActorSystem.Create("scenario", ScenarioConfig.Sqlite(_directory).WithFallback(TradingClock.Config(_clock)));
        Kit = new TestKit(System);
        var cluster = Cluster.Get(System);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(up.SetResult);
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var options = new BinanceOptions
        {
            Endpoints = BinanceEndpoints.ForSimulator(Simulator.BaseAddress),
            UnknownResolutionInitialDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(2),
        };
        var credentials = new BinanceCredentials(Simulator.Options.ApiKey, Simulator.Options.ApiSecret);
        _futuresExchange = new BinanceFuturesExchange(options, credentials);
        _spotExchange = new BinanceSpotExchange(options, credentials);
        var routerSettings = new RouterSettings { UnknownQueryBackoff = TimeSpan.FromMilliseconds(100), UnknownQueryAttempts = 3 };
        var streams = new[] { MarketDataSubscription.BookTickerOf(Btc) };
        PositionList = System.ActorOf(PositionListProjection.Props(SqlReadJournal.Identifier), "position-list");
        Futures = await MarketActors.StartAsync(System, new MarketContext(_futuresExchange, routerSettings), streams, _positionSettings);
        Spot = await MarketActors.StartAsync(System, new MarketContext(_spotExchange, routerSettings), streams, _positionSettings);
        GatewayStatus? futures = null, spot = null;
        await WaitUntilAsync(
            async () =>
            {
                futures = await Futures.Gateway.Ask<GatewayStatus>(new GetGatewayStatus(), TimeSpan.FromSeconds(5));
                spot = await Spot.Gateway.Ask<GatewayStatus>(new GetGatewayStatus(), TimeSpan.FromSeconds(5));
                return futures.IsReady && spot.IsReady;
            },
            describe: () => $"gateways not ready: {futures}, {spot}");

        // Prices only move when a test sets them: set it again so the fresh subscriptions see a quote.
        await WaitUntilAsync(
            () =>
            {
                SetPrice(Btc, Simulator.Engine.Price(MarketKind.Futures, Btc.Value).Last);
                return Task.FromResult(Futures.Context.Quotes.TryGet(Btc, out _) && Spot.Context.Quotes.TryGet(Btc, out _));
            },
            describe: () => "no quotes arrived");
    }

    /// <summary>Stops every actor (as a crash would, minus the journal's acknowledged writes, which survive).</summary>
    public async Task StopNodeAsync()
    {
        await System.Terminate();
        _futuresExchange?.Dispose();
        _spotExchange?.Dispose();
    }

    /// <summary>
    /// While the node is stopped, swaps the exchange for a fresh one that knows none of the node's orders: what a paper
    /// node's in-process simulator does when the node restarts on the same journal.
    /// </summary>
    public async Task ReplaceExchangeAsync()
    {
        await Simulator.DisposeAsync();
        Simulator = await SimulatorServer.StartAsync(_simulatorOptions);
        SetPrice(Btc, 50_000m);
    }

    /// <summary>
    /// While the node is stopped, appends an event to a journal as the node would have: the state a crash leaves
    /// between journaling something and acting on it.
    /// </summary>
    public async Task AppendToJournalAsync(string persistenceId, object payload)
    {
        var system = ActorSystem.Create("journal-edit", ScenarioConfig.Sqlite(_directory));
        try
        {
            var probe = new TestKit(system).CreateTestProbe();
            system.ActorOf(Akka.Actor.Props.Create(() => new JournalWriter(persistenceId, payload, probe.Ref)));
            await probe.ExpectMsgAsync<JournalWriter.Written>(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>A persistence id's events as the SQL read journal returns them.</summary>
    public async Task<IReadOnlyList<object>> EventsAsync(string persistenceId) =>
        await ReadJournal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue).Select(e => e.Event).RunWith(Sink.Seq<object>(), System.Materializer());

    /// <summary>The events of a tag as the SQL read journal returns them.</summary>
    public async Task<IReadOnlyList<object>> TaggedAsync(string tag) =>
        await ReadJournal.CurrentEventsByTag(tag, Offset.NoOffset()).Select(e => e.Event).RunWith(Sink.Seq<object>(), System.Materializer());

    private SqlReadJournal ReadJournal => PersistenceQuery.Get(System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    public void SetPrice(Symbol symbol, decimal price)
    {
        Simulator.Engine.SetPrice(MarketKind.Futures, symbol.Value, price);
        Simulator.Engine.SetPrice(MarketKind.Spot, symbol.Value, price);
    }

    public IReadOnlyList<LedgerEntry> Orders(string market) =>
        Simulator.Ledger.Entries(market: market).Where(e => e.Action == "NEW").ToList();

    public async Task<PositionProtocol.PositionView> PositionAsync(MarketActors market, PositionId id) =>
        await market.Positions.Ask<PositionProtocol.PositionView>(new PositionProtocol.GetPosition(id), TimeSpan.FromSeconds(5));

    /// <summary>Waits until the position satisfies <paramref name="condition"/>, asking it repeatedly.</summary>
    public async Task<PositionProtocol.PositionView> AwaitPositionAsync(MarketActors market, PositionId id, Func<PositionData, bool> condition, TimeSpan? timeout = null)
    {
        PositionProtocol.PositionView? view = null;
        await WaitUntilAsync(
            async () =>
            {
                view = await PositionAsync(market, id);
                return condition(view.Data);
            },
            timeout,
            () => $"position {id} never matched; last seen: {view?.Data}");
        return view!;
    }

    /// <summary>Asks until <paramref name="condition"/> holds (the test kit's AwaitAssert), failing with <paramref name="describe"/>.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, Func<string>? describe = null) =>
        Kit.AwaitAssertAsync(
            async () => Assert.True(await condition(), describe?.Invoke() ?? "condition not met in time"),
            timeout ?? TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(50));

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
