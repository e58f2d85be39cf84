using System.Data.Common;
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
            SELECT sequence_number, created, snapshot, manifest FROM {SnapshotTable} WHERE {MatchesCriteria}
            ORDER BY sequence_number DESC LIMIT 1
            """,
            CriteriaParameters(persistenceId, criteria));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return SnapshotOf(reader, persistenceId);
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
            DELETE FROM {SnapshotTable} WHERE {MatchesCriteria}
            """,
            CriteriaParameters(persistenceId, criteria));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The condition on a snapshot row of <see cref="CriteriaParameters"/>: its id and the criteria's bounds.</summary>
    private const string MatchesCriteria =
        "persistence_id = @pid AND sequence_number <= @maxSeq AND sequence_number >= @minSeq AND created <= @maxTs AND created >= @minTs";

    private static (string Name, object Value)[] CriteriaParameters(string persistenceId, SnapshotSelectionCriteria criteria) =>
    [
        ("pid", persistenceId),
        ("maxSeq", criteria.MaxSequenceNr),
        ("minSeq", criteria.MinSequenceNr),
        ("maxTs", criteria.MaxTimestamp),
        ("minTs", criteria.MinTimestamp),
    ];

    /// <summary>The snapshot in the reader's current row (sequence_number, created, snapshot, manifest).</summary>
    private SelectedSnapshot SnapshotOf(DbDataReader reader, string persistenceId)
    {
        var sequenceNr = reader.GetInt64(0);
        var snapshot = Serializer.Deserialize(reader.GetString(3), reader.GetFieldValue<byte[]>(2), persistenceId, sequenceNr);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, reader.GetInt64(1)), snapshot);
    }
}
