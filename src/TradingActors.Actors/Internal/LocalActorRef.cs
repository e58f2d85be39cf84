namespace TradingActors.Actors.Internal;

/// <summary>The reference to one incarnation of an actor in this process; equality is identity.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    // Held here rather than read through the cell: the cell's fields next to its mailbox field are written by the
    // actor's turn for every message, so senders on other cores reading that cache line would keep stealing it.
    private readonly Mailbox _mailbox;

    internal LocalActorRef(ActorCell cell, ActorPath path, Mailbox mailbox)
    {
        Cell = cell;
        Path = path;
        _mailbox = mailbox;
    }

    public ActorPath Path { get; }

    internal ActorCell Cell { get; }

    internal ActorSystem System => Cell.System;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _mailbox.Post(new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => _mailbox.PostSystem(message);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Path.Uid.GetHashCode();

    public override string ToString() => Path.ToString();
}
