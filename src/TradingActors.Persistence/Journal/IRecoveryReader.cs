using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Journal;

/// <summary>
/// A store that holds both the journal and the snapshots and can load everything a recovery needs in
/// one round trip: the latest matching snapshot, then the events after it.
/// </summary>
public interface IRecoveryReader
{
    /// <summary>
    /// Calls <paramref name="onSnapshot"/> once (null when no snapshot matches), then <paramref name="onChunk"/>
    /// with the events after the snapshot in chunks of at most <paramref name="chunkSize"/>. Returns the highest
    /// sequence number (the snapshot's, or a later event's, deleted ones included; 0 for a new id).
    /// </summary>
    Task<long> RecoverAsync(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default);
}
