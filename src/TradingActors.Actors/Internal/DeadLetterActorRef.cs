namespace TradingActors.Actors.Internal;

/// <summary>Where undeliverable messages go: counted, published on the event stream, logged with a rate limit.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.PublishDeadLetter(message as DeadLetter ?? new DeadLetter(message, sender, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => Path.ToString();
}
