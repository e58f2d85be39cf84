using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using TradingActors.Trading.Positions;

namespace TradingActors.Node.Management;

/// <summary>
/// The node's gauges, read from the read side and the cluster (never by asking every entity): positions by state,
/// realized and unrealized PnL, cluster members by status, shards and entities of each region on this node; and a
/// dead-letter counter fed from the event stream. Tagged with the node's address, since one process may host several.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "TradingActors.Node";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    private readonly TradingNode _node;
    private readonly Meter _meter = new(MeterName);
    private readonly KeyValuePair<string, object?> _nodeTag;
    private readonly IActorRef _deadLetters;
    private volatile Snapshot _snapshot = new([], [], [], [], []);

    public NodeMetrics(TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        var cluster = Cluster.Get(node.System);
        _nodeTag = new("node", cluster.SelfAddress.ToString());
        _meter.CreateObservableGauge("positions", () => _snapshot.Positions, description: "Positions the read side holds, by state.");
        _meter.CreateObservableGauge("pnl_realized", () => _snapshot.Realized, description: "Realized PnL (quote asset) of the positions the read side holds, by market.");
        _meter.CreateObservableGauge("pnl_unrealized", () => _snapshot.Unrealized, description: "Unrealized PnL (quote asset) of open positions at the mid price, by market.");
        _meter.CreateObservableGauge("shards", () => _snapshot.Shards, description: "Shards of each region hosted on this node.");
        _meter.CreateObservableGauge("shard_entities", () => _snapshot.Entities, description: "Entities of each region alive on this node.");
        _meter.CreateObservableGauge("cluster_members", () => Members(cluster), description: "Cluster members this node sees, by status (unreachable ones counted apart).");
        var deadLetters = _meter.CreateCounter<long>("dead_letters", description: "Messages Akka delivered to dead letters (recipient gone).");
        _deadLetters = node.System.ActorOf(Props.Create(() => new DeadLetterCounter(deadLetters, _nodeTag)), "metrics-dead-letters");
        node.System.EventStream.Subscribe(_deadLetters, typeof(DeadLetter));
    }

    /// <summary>Reads the read side and the shard regions once, for the gauges of the scrape that follows.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var timeout = _node.OperatorTimeout(AskTimeout);
        var positions = await PositionListing.ListAsync(_node, PositionListing.Filter.All, int.MaxValue, timeout, ct);
        var byState = Enum.GetValues<PositionState>()
            .Select(s => Measure(positions.Count(p => p.State == s.ToString()), ("state", s.ToString())))
            .ToList();
        var markets = positions.GroupBy(p => p.Market.ToLowerInvariant()).ToList();
        var realized = markets.Select(g => Measure((double)g.Sum(p => p.RealizedPnl), ("market", g.Key))).ToList();
        var unrealized = markets.Select(g => Measure((double)g.Sum(p => p.UnrealizedPnl), ("market", g.Key))).ToList();
        var sharding = ClusterSharding.Get(_node.System);
        var shards = new List<Measurement<double>>();
        var entities = new List<Measurement<double>>();
        foreach (var type in sharding.ShardTypeNames.Order(StringComparer.Ordinal))
        {
            var state = await sharding.ShardRegion(type).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout, ct);
            shards.Add(Measure(state.Shards.Count, ("type", type)));
            entities.Add(Measure(state.Shards.Sum(s => s.EntityIds.Count), ("type", type)));
        }

        _snapshot = new Snapshot(byState, realized, unrealized, shards, entities);
    }

    public void Dispose()
    {
        _node.System.EventStream.Unsubscribe(_deadLetters);
        _node.System.Stop(_deadLetters);
        _meter.Dispose();
    }

    private IEnumerable<Measurement<double>> Members(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return state.Members.Where(m => !unreachable.Contains(m.Address))
            .GroupBy(m => m.Status.ToString())
            .Select(g => Measure(g.Count(), ("status", g.Key)))
            .Append(Measure(unreachable.Count, ("status", "Unreachable")));
    }

    private Measurement<double> Measure(double value, params (string Key, string Value)[] tags) =>
        new(value, [_nodeTag, .. tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))]);

    private sealed record Snapshot(
        IReadOnlyList<Measurement<double>> Positions,
        IReadOnlyList<Measurement<double>> Realized,
        IReadOnlyList<Measurement<double>> Unrealized,
        IReadOnlyList<Measurement<double>> Shards,
        IReadOnlyList<Measurement<double>> Entities);

    private sealed class DeadLetterCounter : ReceiveActor
    {
        public DeadLetterCounter(Counter<long> counter, KeyValuePair<string, object?> node) =>
            Receive<DeadLetter>(_ => counter.Add(1, node));
    }
}
