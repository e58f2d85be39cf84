using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply target and returns the first reply. Faults with
    /// <see cref="AskTimeoutException"/> on timeout, with the cause of a <see cref="Status.Failure"/> reply, and with
    /// <see cref="InvalidCastException"/> when the reply is not a <typeparamref name="T"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An ask timeout must be positive or infinite.");
        }

        var system = (target as LocalActorRef)?.System;
        var promise = new PromiseActorRef<T>(system, target);
        promise.Start(system?.TimeProvider ?? TimeProvider.System, timeout, ct);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Ask with the system's default timeout (<see cref="ActorSystemSettings.AskDefaultTimeout"/>).</summary>
    public static Task<T> Ask<T>(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timeout = (target as LocalActorRef)?.System.Settings.AskDefaultTimeout ?? TimeSpan.FromSeconds(5);
        return target.Ask<T>(message, timeout);
    }

    /// <summary>Sends on behalf of the current message's sender.</summary>
    public static void Forward(this IActorRef target, object message, IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        target.Tell(message, context.Sender);
    }

    /// <summary>
    /// Sends a <see cref="PoisonPill"/> and completes with true once the target has terminated, or with false if it
    /// has not within <paramref name="timeout"/> (Akka faults the task instead; a bool is easier to act on).
    /// </summary>
    public static Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not IInternalActorRef internalTarget)
        {
            throw new ArgumentException($"Cannot stop {target.GetType().Name}: not a reference of this kernel.", nameof(target));
        }

        var system = (target as LocalActorRef)?.System;
        var promise = new WatchPromise(system);
        promise.Start(system?.TimeProvider ?? TimeProvider.System, timeout);
        internalTarget.SendSystemMessage(new Watch(internalTarget, promise));
        target.Tell(PoisonPill.Instance);
        return promise.Task;
    }
}
