namespace TradingActors.Actors;

/// <summary>Delivered to a watcher when a watched actor has stopped (or was already dead when watched).</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);

/// <summary>Stops the actor once processed, after the messages enqueued before it.</summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (stopped by the default decider).</summary>
public sealed class Kill
{
    private Kill()
    {
    }

    public static Kill Instance { get; } = new();
}

/// <summary>Delivered when the actor received nothing for the period given to SetReceiveTimeout.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    public static ReceiveTimeout Instance { get; } = new();
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message the recipient did not handle, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
