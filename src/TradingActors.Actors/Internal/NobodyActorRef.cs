namespace TradingActors.Actors.Internal;

/// <summary>Points nowhere: drops messages; a watcher learns at once that it does not exist.</summary>
internal sealed class NobodyActorRef : IInternalActorRef
{
    public ActorPath Path { get; } = new ActorPath("nobody");

    public void Tell(object message, IActorRef? sender = null)
    {
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
