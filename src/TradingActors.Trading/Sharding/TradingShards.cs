using Akka.Actor;
using Akka.Cluster.Sharding;
using TradingActors.Exchange;

namespace TradingActors.Trading.Sharding;

/// <summary>
/// The sharded entities of one market: positions (entity id = position id) and intents (entity id = the intent key
/// every client order id of the intent carries). Regions are per market because an entity works one market's
/// exchange connection; every node starts the same regions, and each node's region reaches every entity.
/// </summary>
public static class TradingShards
{
    /// <summary>Shards per region: about ten per node of the largest cluster we expect, as Akka advises.</summary>
    public const int MaxShards = 50;

    public static string PositionTypeName(Market market) => $"position-{Name(market)}";

    public static string IntentTypeName(Market market) => $"intent-{Name(market)}";

    /// <summary>The position region of <paramref name="market"/>, which must have been started on this node.</summary>
    public static IActorRef Positions(ActorSystem system, Market market) => ClusterSharding.Get(system).ShardRegion(PositionTypeName(market));

    /// <summary>The intent region of <paramref name="market"/>, which must have been started on this node.</summary>
    public static IActorRef Intents(ActorSystem system, Market market) => ClusterSharding.Get(system).ShardRegion(IntentTypeName(market));

    /// <summary>Asks the shard region which entities live in it on this node.</summary>
    public static async Task<IReadOnlyList<string>> LocalEntityIdsAsync(IActorRef region, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(region);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout);
        return state.Shards.SelectMany(s => s.EntityIds).ToList();
    }

    /// <summary>The entities of region <paramref name="typeName"/> on every Up member of the cluster (each region asked where it runs).</summary>
    public static async Task<IReadOnlyList<string>> ClusterEntityIdsAsync(ActorSystem system, string typeName, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        var members = Akka.Cluster.Cluster.Get(system).State.Members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up);
        var states = await Task.WhenAll(members.Select(m =>
            system.ActorSelection($"{m.Address}/system/sharding/{typeName}").Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout)));
        return states.SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).ToList();
    }

    private static string Name(Market market) => market.ToString().ToLowerInvariant();
}
