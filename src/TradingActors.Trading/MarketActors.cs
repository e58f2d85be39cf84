using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Pattern;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Sharding;

namespace TradingActors.Trading;

/// <summary>
/// The actors of one market on this node: its gateway (under a backoff supervisor) and the shard regions of its
/// positions and intents, which reach every entity of the market wherever it lives.
/// </summary>
public sealed record MarketActors(MarketContext Context, IActorRef Gateway, IActorRef Positions, IActorRef Intents)
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // A gateway that failed within this long of its start counts as still failing: its next backoff grows.
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);

    /// <summary>Starts the shard regions of <paramref name="context"/>'s market (entities remembered across restarts), then its gateway.</summary>
    public static async Task<MarketActors> StartAsync(
        ActorSystem system, MarketContext context, IReadOnlyList<MarketDataSubscription> streams, PositionSettings positionSettings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(context);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRememberEntities(true);
        var intents = await sharding.StartAsync(
            TradingShards.IntentTypeName(context.Market), key => OrderIntent.Props(key, context), settings, new IntentMessageExtractor(context.Settings.ClientOrderIdPrefix));
        var positions = await sharding.StartAsync(
            TradingShards.PositionTypeName(context.Market), id => TradingActors.Trading.Positions.Position.Props(new PositionId(id), context, positionSettings), settings, new PositionMessageExtractor());
        var market = context.Market.ToString().ToLowerInvariant();
        var gateway = system.ActorOf(SupervisedAfresh(ExchangeGateway.Props(context, streams, intents), "gateway"), $"{market}-gateway");
        return new MarketActors(context, gateway, positions, intents);
    }

    /// <summary>The intents being worked on, on every node of the cluster (finished ones leave memory at once).</summary>
    public async Task<IReadOnlyList<IntentProtocol.IntentReport>> LiveIntentsAsync(ActorSystem system, TimeSpan timeout)
    {
        var keys = await TradingShards.ClusterEntityIdsAsync(system, TradingShards.IntentTypeName(Context.Market), timeout);
        var answers = await Task.WhenAll(keys.Select(key => Intents.Ask<object>(new IntentProtocol.GetIntentOf(key), timeout)));
        return answers.OfType<IntentProtocol.IntentReport>().Where(r => r.Status is not (IntentStatus.Completed or IntentStatus.Failed)).ToList();
    }

    /// <summary>
    /// Runs a persistent <paramref name="child"/> under a backoff supervisor that starts it again, after a growing
    /// delay, when it stops (a persistent actor stops when its journal fails) and it recovers from its journal.
    /// </summary>
    public static Props Supervised(Props child, string name) =>
        BackoffSupervisor.Props(Backoff.OnStop(child, name, MinBackoff, MaxBackoff, 0.2, -1).WithAutoReset(HealthyAfter));

    /// <summary>
    /// For an actor whose state is the exchange's (a gateway): a failure stops it, and a fresh one starts after the
    /// backoff. A fresh actor gets a fresh address, so what the failed one still had under way (requests,
    /// subscriptions being cancelled) cannot reach and fail its successor, and a fault that persists is retried
    /// with backoff instead of in a tight loop.
    /// </summary>
    private static Props SupervisedAfresh(Props child, string name) => BackoffSupervisor.Props(
        Backoff.OnFailure(child, name, MinBackoff, MaxBackoff, 0.2, -1).WithAutoReset(HealthyAfter).WithSupervisorStrategy(RestartOnAnyFailure));

    // Akka stops an actor that was killed or failed to initialise; a gateway comes back from anything.
    private static readonly OneForOneStrategy RestartOnAnyFailure = new OneForOneStrategy(_ => Directive.Restart);
}
