namespace TradingActors.Persistence.Query;

/// <summary>An event delivered by a query. <paramref name="Offset"/> is the journal's global ordering.</summary>
/// <param name="Timestamp">Unix milliseconds when written.</param>
public sealed record EventEnvelope(long Offset, string PersistenceId, long SequenceNr, object Event, long Timestamp);
