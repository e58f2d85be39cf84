using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace TradingActors.Node.Clustering;

/// <summary>
/// Actors that run once per cluster (the risk manager, the reconciler): every node starts a singleton manager, the
/// oldest node runs the actor, and it moves to the next oldest when that node leaves or dies, recovering from its
/// journal. Everyone reaches it through a proxy, which buffers while it moves.
/// </summary>
public static class Singletons
{
    /// <summary>Starts the manager of <paramref name="props"/> at <c>/user/{name}</c> and returns a proxy to it.</summary>
    public static IActorRef Start(ActorSystem system, Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.ActorOf(ClusterSingletonManager.Props(props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), name);
        return system.ActorOf(ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system)), $"{name}-proxy");
    }
}
