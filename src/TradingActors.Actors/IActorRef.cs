namespace TradingActors.Actors;

/// <summary>An immutable handle to an actor; the only way to talk to it.</summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/>; never blocks. A null sender means "no sender".</summary>
    void Tell(object message, IActorRef? sender = null);
}
