using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

public abstract partial class SqlJournal
{
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT sequence_number, created, snapshot, manifest FROM {SnapshotTable}
            WHERE persistence_id = @pid AND sequence_number <= @maxSeq AND sequence_number >= @minSeq
              AND created <= @maxTs AND created >= @minTs
            ORDER BY sequence_number DESC LIMIT 1
            """,
            ("pid", persistenceId),
            ("maxSeq", criteria.MaxSequenceNr),
            ("minSeq", criteria.MinSequenceNr),
            ("maxTs", criteria.MaxTimestamp),
            ("minTs", criteria.MinTimestamp));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sequenceNr = reader.GetInt64(0);
        var snapshot = Serializer.Deserialize(reader.GetString(3), reader.GetFieldValue<byte[]>(2), persistenceId, sequenceNr);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, reader.GetInt64(1)), snapshot);
    }

    public async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var (bytes, manifest) = Serializer.Serialize(snapshot);
        var created = metadata.Timestamp != 0 ? metadata.Timestamp : Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenWriteConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            INSERT INTO {SnapshotTable} (persistence_id, sequence_number, created, snapshot, manifest)
            VALUES (@pid, @seq, @created, @snapshot, @manifest)
            ON CONFLICT (persistence_id, sequence_number)
            DO UPDATE SET created = excluded.created, snapshot = excluded.snapshot, manifest = excluded.manifest
            """,
            ("pid", metadata.PersistenceId),
            ("seq", metadata.SequenceNr),
            ("created", created),
            ("snapshot", bytes),
            ("manifest", manifest));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenWriteConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"DELETE FROM {SnapshotTable} WHERE persistence_id = @pid AND sequence_number = @seq",
            ("pid", metadata.PersistenceId),
            ("seq", metadata.SequenceNr));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenWriteConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            DELETE FROM {SnapshotTable}
            WHERE persistence_id = @pid AND sequence_number <= @maxSeq AND sequence_number >= @minSeq
              AND created <= @maxTs AND created >= @minTs
            """,
            ("pid", persistenceId),
            ("maxSeq", criteria.MaxSequenceNr),
            ("minSeq", criteria.MinSequenceNr),
            ("maxTs", criteria.MaxTimestamp),
            ("minTs", criteria.MinTimestamp));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
