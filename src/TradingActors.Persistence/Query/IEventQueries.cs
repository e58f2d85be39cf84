namespace TradingActors.Persistence.Query;

/// <summary>
/// Read-side queries over the journal. Offsets are the global ordering and exclusive: pass the last
/// offset seen to resume. Live queries poll and never end until cancelled; current queries end at
/// what was committed when they started.
/// </summary>
public interface IEventQueries
{
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(
        string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Live: ends only after <paramref name="toSequenceNr"/> was delivered or on cancellation.</summary>
    IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(
        string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Live: never skips an event whose transaction commits after a later ordering became visible; a
    /// gap in the ordering is waited for up to the configured gap timeout before it is deemed permanent.
    /// </summary>
    IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);
}
