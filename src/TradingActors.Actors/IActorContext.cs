namespace TradingActors.Actors;

/// <summary>The actor's view of itself and the system; use only from within the actor.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message, or the dead-letters reference when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    IEnumerable<IActorRef> Children { get; }

    IActorRef? Child(string name);

    ActorSystem System { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops this actor or one of its children (asynchronously: it finishes its current message).</summary>
    void Stop(IActorRef child);

    IActorRef Watch(IActorRef subject);

    IActorRef Unwatch(IActorRef subject);

    IStash Stash { get; }

    /// <summary>An extra stash, independent of <see cref="Stash"/>; also unstashed on restart.</summary>
    IStash CreateStash();

    ITimerScheduler Timers { get; }

    /// <summary>Sliding: <see cref="ReceiveTimeout"/> arrives after this long without a message; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>
    /// Runs <paramref name="action"/> and holds the mailbox until its task completes; continuations after an await
    /// run inside the actor, one at a time. An exception is a failure of the actor.
    /// </summary>
    void RunTask(Func<Task> action);

    object? CurrentMessage { get; }
}
