using System.Data.Common;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

public abstract partial class SqlJournal
{
    /// <summary>The argument checks of <see cref="RecoverAsync"/>, which every backend overrides.</summary>
    protected static void ValidateRecoveryArguments(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(onSnapshot);
        ValidateReplayArguments(chunkSize, onChunk);
    }

    /// <summary>The argument checks of <see cref="ReplayForRecoveryAsync"/>, which a backend may override.</summary>
    protected static void ValidateReplayArguments(int chunkSize, Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk)
    {
        ArgumentNullException.ThrowIfNull(onChunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
    }

    /// <summary>
    /// One query returns the events and (through the deleted rows, whose payload is not read) the highest
    /// sequence number.
    /// </summary>
    public virtual async Task<long> ReplayForRecoveryAsync(
        string persistenceId,
        long fromSequenceNr,
        int chunkSize,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ValidateReplayArguments(chunkSize, onChunk);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT sequence_number, created, CASE WHEN deleted THEN NULL ELSE message END, manifest, writer_uuid FROM {JournalTable}
            WHERE persistence_id = @pid AND sequence_number >= @from
            ORDER BY sequence_number
            """,
            ("pid", persistenceId),
            ("from", fromSequenceNr));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StreamEventsAsync(reader, persistenceId, chunkSize, onChunk, cancellationToken);
    }

    /// <summary>The latest matching snapshot and the events after it, in one command of two statements.</summary>
    public virtual async Task<long> RecoverAsync(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ValidateRecoveryArguments(persistenceId, criteria, chunkSize, onSnapshot, onChunk);
        await EnsureInitializedAsync(cancellationToken);
        var matches = criteria.MaxSequenceNr > 0
            ? MatchesCriteria
            : "1 = 0";
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT sequence_number, created, snapshot, manifest FROM {SnapshotTable} WHERE {matches}
            ORDER BY sequence_number DESC LIMIT 1;
            SELECT sequence_number, created, CASE WHEN deleted THEN NULL ELSE message END, manifest, writer_uuid FROM {JournalTable}
            WHERE persistence_id = @pid
              AND sequence_number > COALESCE((SELECT MAX(sequence_number) FROM {SnapshotTable} WHERE {matches}), 0)
            ORDER BY sequence_number
            """,
            CriteriaParameters(persistenceId, criteria));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        SelectedSnapshot? snapshot = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            snapshot = SnapshotOf(reader, persistenceId);
        }

        await onSnapshot(snapshot);
        if (!await reader.NextResultAsync(cancellationToken))
        {
            throw new InvalidOperationException("The recovery query returned no event result set.");
        }

        var highest = await StreamEventsAsync(reader, persistenceId, chunkSize, onChunk, cancellationToken);
        return Math.Max(highest, snapshot?.Metadata.SequenceNr ?? 0);
    }

    /// <summary>
    /// Reads raw rows on this thread, deserializes the previous chunk on a pool thread and hands the one
    /// before to <paramref name="onChunk"/>: the three stages overlap. Deleted rows count for the highest
    /// sequence number only.
    /// </summary>
    private async Task<long> StreamEventsAsync(
        DbDataReader reader,
        string persistenceId,
        int chunkSize,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken)
    {
        long highest = 0;
        var raw = new List<RawEvent>(InitialChunkCapacity(chunkSize));
        Task<List<PersistentRepresentation>>? deserializing = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            highest = reader.GetInt64(0);
            if (reader.IsDBNull(2))
            {
                continue;
            }

            raw.Add(new RawEvent(highest, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3), reader.GetString(4)));
            if (raw.Count == chunkSize)
            {
                if (deserializing is not null)
                {
                    await onChunk(await deserializing);
                }

                var full = raw;
                deserializing = Task.Run(() => Deserialize(persistenceId, full), cancellationToken);
                raw = new List<RawEvent>(chunkSize);
            }
        }

        if (deserializing is not null)
        {
            await onChunk(await deserializing);
        }

        if (raw.Count > 0)
        {
            await onChunk(Deserialize(persistenceId, raw));
        }

        return highest;
    }

    /// <summary>
    /// Most ids hold far fewer events than a chunk: a list sized for a full chunk (5,000 by default) would be
    /// allocated and zeroed for each of 10,000 recovering actors. The first list of a replay grows as needed instead.
    /// </summary>
    private protected static int InitialChunkCapacity(int chunkSize) => Math.Min(chunkSize, 64);

    private protected List<PersistentRepresentation> Deserialize(string persistenceId, List<RawEvent> raw)
    {
        var events = new List<PersistentRepresentation>(raw.Count);
        foreach (var row in raw)
        {
            var payload = Serializer.Deserialize(row.Manifest, row.Message, persistenceId, row.SequenceNr);
            events.Add(new PersistentRepresentation(persistenceId, row.SequenceNr, payload, row.WriterUuid, row.Timestamp));
        }

        return events;
    }

    private protected sealed record RawEvent(long SequenceNr, long Timestamp, byte[] Message, string Manifest, string WriterUuid);
}
