using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using TradingActors.Exchange;

namespace TradingActors.Trading.Gateways;

/// <summary>
/// One market's market data, delivered by its gateway to the actors that subscribed to a symbol, and to no one
/// else. Publishing reads an immutable set (no lock on the hot path); subscribers unsubscribe when they stop.
/// </summary>
public sealed class MarketDataHub
{
    private readonly ConcurrentDictionary<Symbol, ImmutableHashSet<IActorRef>> _subscribers = new();

    public void Subscribe(Symbol symbol, IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _subscribers.AddOrUpdate(symbol, _ => [subscriber], (_, set) => set.Add(subscriber));
    }

    public void Unsubscribe(Symbol symbol, IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _subscribers.AddOrUpdate(symbol, _ => [], (_, set) => set.Remove(subscriber));
    }

    public void Publish(MarketDataEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (_subscribers.TryGetValue(evt.Symbol, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Tell(evt, ActorRefs.NoSender);
            }
        }
    }

    /// <summary>How many actors follow <paramref name="symbol"/> (for status and tests).</summary>
    public int SubscriberCount(Symbol symbol) => _subscribers.TryGetValue(symbol, out var set) ? set.Count : 0;
}
