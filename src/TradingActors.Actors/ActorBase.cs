using Microsoft.Extensions.Logging;
using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// An actor: state plus a <see cref="Receive"/> that handles one message at a time. Instances are created by the
/// system from <see cref="Props"/>, never with <c>new</c> elsewhere.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.CurrentlyCreating
            ?? throw new ActorInitializationException(
                $"{GetType().Name} must be created by the actor system from Props (ActorOf), not with new.");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.SelfRef;

    /// <summary>The sender of the current message; the dead-letters reference when there is none.</summary>
    protected IActorRef Sender => _cell.Sender;

    protected ILogger Log => _cell.Log;

    internal ActorCell Cell => _cell;

    /// <summary>Handles one message; returns false when the message is not handled.</summary>
    protected abstract bool Receive(object message);

    /// <summary>The entry point for every user message; persistence overrides it to stash during writes.</summary>
    protected internal virtual bool AroundReceive(object message) => Receive(message);

    /// <summary>Called for messages <see cref="Receive"/> did not handle.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"{Self.Path} received Terminated for {terminated.ActorRef.Path} but did not handle it.");
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.RawSender, Self));
    }

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced; by default stops all children and calls PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart; by default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    protected internal virtual void AroundPreStart() => PreStart();

    protected internal virtual void AroundPostStop() => PostStop();

    protected internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    protected internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal SupervisorStrategy GetSupervisorStrategy() => SupervisorStrategy();
}
