namespace TradingActors.Persistence.Snapshot;

/// <summary>Identifies a snapshot: the state of <paramref name="PersistenceId"/> after event <paramref name="SequenceNr"/>.</summary>
/// <param name="Timestamp">Unix milliseconds when it was taken.</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, long Timestamp = 0);

/// <summary>A loaded snapshot.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Which snapshots qualify (all bounds inclusive); the latest qualifying one is selected.</summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, long MaxTimestamp = long.MaxValue, long MinSequenceNr = 0, long MinTimestamp = 0)
{
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue);

    public static SnapshotSelectionCriteria None { get; } = new(0, 0);

    public bool Matches(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.SequenceNr >= MinSequenceNr
        && metadata.Timestamp <= MaxTimestamp && metadata.Timestamp >= MinTimestamp;
}
