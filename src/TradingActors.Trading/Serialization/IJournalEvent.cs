namespace TradingActors.Trading.Serialization;

/// <summary>
/// Marks every event and snapshot the trading actors persist. Akka's <c>serialization-bindings</c> bind this
/// interface to <see cref="TradingEventSerializer"/>, so everything journaled is stored under a stable manifest
/// from <see cref="EventManifests"/>, never under a .NET type name.
/// </summary>
public interface IJournalEvent;
