namespace TradingActors.Actors.Internal;

/// <summary>The reference to one incarnation of an actor in this process; equality is identity.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    internal LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorPath Path { get; }

    internal ActorCell Cell { get; }

    internal ActorSystem System => Cell.System;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Path.Uid.GetHashCode();

    public override string ToString() => Path.ToString();
}
