using System.Collections.Concurrent;
using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// Publish/subscribe by message type: a subscription to a type receives that type and its subtypes. Terminated
/// subscribers are removed. Publishing reads an immutable snapshot plus a per-type cache, so it takes no lock.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private volatile Snapshot _snapshot = new([]);

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            var current = _snapshot.Subscriptions;
            if (current.Any(s => s.Subscriber.Equals(subscriber) && s.Channel == channel))
            {
                return false;
            }

            _snapshot = new Snapshot([.. current, new Subscription(subscriber, channel)]);
        }

        if (subscriber is LocalActorRef local)
        {
            local.Cell.MarkSubscribedToEventStream();

            // Pairs with the fence in the cell's termination: either it sees our flag or we see it terminated.
            Interlocked.MemoryBarrier();
            if (local.Cell.IsTerminated)
            {
                // It stopped before it could see the flag: remove it here instead.
                Unsubscribe(subscriber);
                return false;
            }
        }

        return true;
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);
    }

    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Remove(s => s.Subscriber.Equals(subscriber));
    }

    public void Publish(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var snapshot = _snapshot;
        if (snapshot.Subscriptions.Length == 0)
        {
            return;
        }

        foreach (var subscriber in snapshot.For(message.GetType()))
        {
            subscriber.Tell(message);
        }
    }

    private bool Remove(Func<Subscription, bool> match)
    {
        lock (_lock)
        {
            var current = _snapshot.Subscriptions;
            var kept = current.Where(s => !match(s)).ToArray();
            if (kept.Length == current.Length)
            {
                return false;
            }

            _snapshot = new Snapshot(kept);
            return true;
        }
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);

    private sealed class Snapshot(Subscription[] subscriptions)
    {
        private readonly ConcurrentDictionary<Type, IActorRef[]> _byType = new();

        public Subscription[] Subscriptions { get; } = subscriptions;

        public IActorRef[] For(Type type) => _byType.GetOrAdd(
            type,
            static (t, subs) => [.. subs.Where(s => s.Channel.IsAssignableFrom(t)).Select(s => s.Subscriber).Distinct()],
            Subscriptions);
    }
}
