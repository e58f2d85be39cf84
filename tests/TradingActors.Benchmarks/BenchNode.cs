using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using TradingActors.Exchange;
using TradingActors.Trading;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Sharding;

namespace TradingActors.Benchmarks;

/// <summary>
/// A one-node cluster wired as the node wires a market (<see cref="MarketActors.StartAsync"/>: the intent and position
/// regions with remember-entities, then the gateway) on a benchmark journal and the in-process exchange. A benchmark
/// may put its own entity in the position region (the owner the intents report to).
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    public static readonly Symbol Symbol = new("BTCUSDT");

    private BenchNode(ActorSystem system, MarketActors market)
    {
        System = system;
        Market = market;
    }

    public ActorSystem System { get; }

    public MarketActors Market { get; }

    public static async Task<BenchNode> StartAsync(
        Config journal, EngineFuturesExchange exchange, RouterSettings? router = null, PositionSettings? positions = null, Func<string, Props>? positionProps = null)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.sharding { remember-entities = on, remember-entities-store = eventsourced, state-store-mode = persistence }
            """).WithFallback(journal).WithFallback(ClusterSharding.DefaultConfig());
        var system = ActorSystem.Create("bench", config);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(up.SetResult);
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task;
        var context = new MarketContext(exchange, router ?? new RouterSettings());
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRememberEntities(true);
        var intents = await sharding.StartAsync(
            TradingShards.IntentTypeName(Exchange.Market.Futures), key => OrderIntent.Props(key, context), settings, new IntentMessageExtractor(context.Settings.ClientOrderIdPrefix));
        var positionSettings = positions ?? new PositionSettings();
        Func<string, Props> realPosition = id => Trading.Positions.Position.Props(new PositionId(id), context, positionSettings);
        var positionRegion = await sharding.StartAsync(
            TradingShards.PositionTypeName(Exchange.Market.Futures),
            positionProps ?? realPosition,
            settings,
            new PositionMessageExtractor());
        var gateway = system.ActorOf(ExchangeGateway.Props(context, [MarketDataSubscription.BookTickerOf(Symbol)], intents), "futures-gateway");
        return new BenchNode(system, new MarketActors(context, gateway, positionRegion, intents));
    }

    public async ValueTask DisposeAsync() => await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
}
