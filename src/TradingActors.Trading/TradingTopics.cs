using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace TradingActors.Trading;

/// <summary>
/// What is announced to the whole cluster rather than sent to one actor, through Akka's distributed
/// publish-subscribe (a node alone is a cluster of one): a stream gap seen by any node's gateway reaches the
/// reconciler wherever it runs, and the kill switch reaches every strategy.
/// </summary>
public static class TradingTopics
{
    /// <summary><see cref="Exchange.StreamGap"/>s of every node's gateways.</summary>
    public const string StreamGaps = "stream-gaps";

    /// <summary>Commands to every strategy (<see cref="Strategy.StrategyProtocol.StopStrategies"/>).</summary>
    public const string Strategies = "strategies";

    public static void Publish(ActorSystem system, string topic, object message) =>
        DistributedPubSub.Get(system).Mediator.Tell(new Publish(topic, message));

    /// <summary>Subscribes <paramref name="subscriber"/>; the mediator answers it with a <see cref="SubscribeAck"/>.</summary>
    public static void Subscribe(ActorSystem system, string topic, IActorRef subscriber) =>
        DistributedPubSub.Get(system).Mediator.Tell(new Subscribe(topic, subscriber), subscriber);
}
