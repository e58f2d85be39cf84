namespace TradingActors.Persistence.Journal;

/// <summary>
/// An event journal. Writes from many callers are group-committed; each atomic write is all or
/// nothing; the highest sequence number of a persistence id never decreases, deletes included.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>
    /// Writes the atomic writes of one writer, in order, in one transaction (group-committed with other
    /// writers' writes) and completes when they are durable. The result has one entry per write: null when
    /// written, a <see cref="PersistenceRejectedException"/> when that write was refused before reaching the
    /// store (nothing of it written; the writer may go on). The task faults when the other writes failed or
    /// their outcome is unknown (connection loss, or a <see cref="ConcurrentWriteException"/>): none of them is
    /// then acknowledged and the writer must stop and recover. A failure never leaves a later write of the
    /// group stored without an earlier one.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Events <paramref name="fromSequenceNr"/>..<paramref name="toSequenceNr"/> (inclusive, deleted ones skipped), at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for the id (0 for a new id); deletes do not lower it.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What recovery needs: every event from <paramref name="fromSequenceNr"/> on, in chunks of at most
    /// <paramref name="chunkSize"/> (the next chunk is read while <paramref name="onChunk"/> runs), and the
    /// highest sequence number at or after <paramref name="fromSequenceNr"/> (deleted events included; 0 when
    /// there is none). Backends override it to do this in one query.
    /// </summary>
    async Task<long> ReplayForRecoveryAsync(
        string persistenceId,
        long fromSequenceNr,
        int chunkSize,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChunk);
        var highest = await ReadHighestSequenceNrAsync(persistenceId, cancellationToken);
        var chunk = new List<PersistentRepresentation>(chunkSize);
        await foreach (var e in ReplayAsync(persistenceId, fromSequenceNr, highest, long.MaxValue, cancellationToken))
        {
            chunk.Add(e);
            if (chunk.Count == chunkSize)
            {
                await onChunk(chunk);
                chunk = new List<PersistentRepresentation>(chunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            await onChunk(chunk);
        }

        return highest >= fromSequenceNr ? highest : 0;
    }

    /// <summary>Deletes the events up to and including <paramref name="toSequenceNr"/> (logically: they are no longer replayed).</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
