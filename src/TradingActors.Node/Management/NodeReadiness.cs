using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using TradingActors.Exchange;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Positions;
using TradingActors.Trading.ReadSide;
using TradingActors.Trading.Sharding;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary>Ready means: the node is an Up cluster member, the journal answers, every gateway has its rules and live streams, and the shard regions answer.</summary>
public static class NodeReadiness
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static async Task<Readiness> CheckAsync(TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var member = Cluster.Get(node.System).SelfMember;
        var checks = new List<Task<CheckResult>>
        {
            Task.FromResult(new CheckResult("cluster", member.Status == MemberStatus.Up, $"{member.Address} is {member.Status}")),
            JournalAsync(node),
        };
        foreach (var (market, actors) in node.Markets)
        {
            var name = market.ToString().ToLowerInvariant();
            checks.Add(Check($"gateway-{name}", async () =>
            {
                var status = await actors.Gateway.Ask<ExchangeGateway.GatewayStatus>(new ExchangeGateway.GetGatewayStatus(), node.OperatorTimeout(CheckTimeout));
                return (status.IsReady, $"rules loaded: {status.RulesLoaded}, streams live: {status.StreamsLive}");
            }));

            checks.Add(Recovered($"positions-{name}", market, node));
            checks.Add(Region($"intents-{name}", actors.Intents, node));
        }

        var results = await Task.WhenAll(checks);
        return new Readiness(results.All(r => r.Ok), results);
    }

    private static Task<CheckResult> JournalAsync(TradingNode node) => Check("journal", async () =>
    {
        using var cts = new CancellationTokenSource(CheckTimeout);
        await node.Journal.CurrentEventsAsync("node-readiness-probe", cts.Token);
        return (true, "answers queries");
    });

    /// <summary>
    /// Every open position of the journal is a live entity again, on this node or another member: after a restart
    /// the shards start their remembered entities a moment after the node is up, and until then a position (and the
    /// stop it may still have to place) waits.
    /// </summary>
    private static Task<CheckResult> Recovered(string name, Market market, TradingNode node) => Check(name, async () =>
    {
        var timeout = node.OperatorTimeout(CheckTimeout);
        var journaled = await node.Positions.Ask<PositionListProjection.PositionList>(new PositionListProjection.ListPositions(CatchUp: true), timeout);
        var live = (await TradingShards.ClusterEntityIdsAsync(node.System, TradingShards.PositionTypeName(market), timeout)).ToHashSet();
        var waiting = journaled.Positions.Count(p => p.Market == market && !p.State.IsTerminal() && !live.Contains(p.Id.Value));
        return (waiting == 0, waiting == 0 ? $"{live.Count} positions live in the cluster, every open one recovered" : $"{waiting} open positions not started again yet");
    });

    private static Task<CheckResult> Region(string name, IActorRef region, TradingNode node) => Check(name, async () =>
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, node.OperatorTimeout(CheckTimeout));
        return (true, $"{state.Shards.Count} shards, {state.Shards.Sum(s => s.EntityIds.Count)} entities on this node");
    });

    private static async Task<CheckResult> Check(string name, Func<Task<(bool Ok, string Detail)>> probe)
    {
        try
        {
            var (ok, detail) = await probe();
            return new CheckResult(name, ok, detail);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException or TimeoutException)
        {
            return new CheckResult(name, false, "no answer in time (starting or recovering)");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            return new CheckResult(name, false, e.Message);
        }
    }
}
