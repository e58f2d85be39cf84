using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence;

/// <summary>Offered to the recovery handlers first when a snapshot was found; the events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Delivered to the recovery handlers after the last replayed event, always (also for a new persistence id).</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Replies sent to the persistent actor itself (handle them as commands if interested).</summary>
public sealed record SaveSnapshotSucceeded(SnapshotMetadata Metadata);

public sealed record SaveSnapshotFailed(SnapshotMetadata Metadata, Exception Cause);

public sealed record DeleteMessagesSucceeded(long ToSequenceNr);

public sealed record DeleteMessagesFailed(long ToSequenceNr, Exception Cause);

public sealed record DeleteSnapshotsSucceeded(SnapshotSelectionCriteria Criteria);

public sealed record DeleteSnapshotsFailed(SnapshotSelectionCriteria Criteria, Exception Cause);
