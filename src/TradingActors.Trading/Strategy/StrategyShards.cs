using Akka.Actor;
using Akka.Cluster.Sharding;
using TradingActors.Exchange;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Strategy.StrategyProtocol;

namespace TradingActors.Trading.Strategy;

/// <summary>
/// The strategies as sharded entities (entity id = strategy name): each runs once in the cluster, on the node that
/// holds its shard, reads that node's market data, and moves with its shard when a node leaves or dies
/// (remembered, so it starts again on the survivor and recovers its signals from its journal).
/// </summary>
public static class StrategyShards
{
    public const string TypeName = "strategy";

    /// <summary>Starts the region on this node and wakes every configured strategy (a strategy already running elsewhere stays there).</summary>
    public static async Task<IActorRef> StartAsync(
        ActorSystem system, IReadOnlyList<StrategyDefinition> definitions, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef risk)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(definitions);
        var byName = definitions.ToDictionary(d => d.Name);

        // A strategy this node cannot run (its market is not configured here) gets an actor that does nothing.
        Props EntityProps(string name) =>
            byName.TryGetValue(name, out var definition) && markets.TryGetValue(definition.Market, out var market)
                ? TradingStrategy.Props(definition, market, risk)
                : Props.Empty;

        var region = await ClusterSharding.Get(system).StartAsync(
            TypeName, EntityProps, ClusterShardingSettings.Create(system).WithRememberEntities(true), new MessageExtractor());
        foreach (var definition in definitions)
        {
            region.Tell(new StartStrategy(definition.Name));
        }

        return region;
    }

    private sealed class MessageExtractor() : HashCodeMessageExtractor(TradingShards.MaxShards)
    {
        public override string? EntityId(object message) => (message as IStrategyCommand)?.Strategy;
    }
}
