namespace TradingActors.Actors.Internal;

/// <summary>The parent of the /user and /system guardians: turns their failure or termination into system shutdown.</summary>
internal sealed class RootGuardianRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.DeadLetters.Tell(message, sender);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                system.OnGuardianFailed(failed.Child, failed.Cause);
                break;
            case ChildTerminated terminated:
                system.OnGuardianTerminated(terminated.Child);
                break;
            case Watch watch:
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
                break;
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => Path.ToString();
}
