namespace TradingActors.Persistence.Snapshot;

/// <summary>Stores snapshots of persistent actors' state.</summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>The latest snapshot matching <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Saves (or replaces) the snapshot at <see cref="SnapshotMetadata.SequenceNr"/>; completes when durable.</summary>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
