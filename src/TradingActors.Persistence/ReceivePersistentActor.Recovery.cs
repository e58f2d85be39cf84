using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence;

public abstract partial class ReceivePersistentActor
{
    /// <summary>Replayed chunks in flight to the actor: reading and deserializing overlap with applying.</summary>
    private const int ReplayChunksAhead = 2;

    private void StartRecovery()
    {
        _recovering = true;
        if (string.IsNullOrWhiteSpace(PersistenceId))
        {
            throw new InvalidOperationException($"{GetType().Name} has no PersistenceId.");
        }

        var journal = Persistence.Journal;
        var snapshots = Persistence.SnapshotStore;
        var permits = Persistence.RecoveryPermits;
        var chunkSize = Math.Clamp(Persistence.Options.ReadBatchSize, 1, 10_000);
        var persistenceId = PersistenceId;
        var criteria = RecoverySnapshotCriteria;
        var self = Self;
        var incarnation = _incarnation;
        var cancellation = _stopping.Token;
        _ = Task.Run(
            async () =>
            {
                var credits = new SemaphoreSlim(ReplayChunksAhead);
                var permitted = false;
                try
                {
                    await permits.WaitAsync(cancellation);
                    permitted = true;

                    async ValueTask Deliver(IReadOnlyList<PersistentRepresentation> chunk)
                    {
                        await credits.WaitAsync(cancellation);
                        self.Tell(new EventsReplayed(incarnation, chunk, credits));
                    }

                    long highest;
                    if (journal is IRecoveryReader combined && ReferenceEquals(journal, snapshots))
                    {
                        highest = await combined.RecoverAsync(
                            persistenceId,
                            criteria,
                            chunkSize,
                            snapshot =>
                            {
                                self.Tell(new RecoveryStarted(incarnation, snapshot));
                                return ValueTask.CompletedTask;
                            },
                            Deliver,
                            cancellation);
                    }
                    else
                    {
                        var snapshot = criteria.MaxSequenceNr > 0
                            ? await snapshots.LoadAsync(persistenceId, criteria, cancellation)
                            : null;
                        self.Tell(new RecoveryStarted(incarnation, snapshot));
                        var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
                        highest = Math.Max(
                            await journal.ReplayForRecoveryAsync(persistenceId, from, chunkSize, Deliver, cancellation),
                            snapshot?.Metadata.SequenceNr ?? 0);
                    }

                    permits.Release();
                    permitted = false;
                    self.Tell(new RecoveryFinished(incarnation, highest));
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    // The actor stopped or restarted; its successor recovers on its own.
                }
                catch (Exception e)
                {
                    self.Tell(new RecoveryFailed(incarnation, e));
                }
                finally
                {
                    if (permitted)
                    {
                        permits.Release();
                    }
                }
            },
            CancellationToken.None);
    }

    private void OnRecoveryStarted(RecoveryStarted started)
    {
        if (started.Snapshot is { } snapshot)
        {
            _lastSequenceNr = snapshot.Metadata.SequenceNr;
            InvokeRecover(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot));
        }
    }

    private void OnEventsReplayed(EventsReplayed replayed)
    {
        try
        {
            foreach (var e in replayed.Events)
            {
                if (_stopped)
                {
                    return;
                }

                _lastSequenceNr = e.SequenceNr;
                InvokeRecover(e.Payload);
            }
        }
        finally
        {
            replayed.Credits.Release();
        }
    }

    private void OnRecoveryFinished(RecoveryFinished finished)
    {
        if (_stopped)
        {
            return;
        }

        _highestAssignedSequenceNr = Math.Max(finished.HighestSequenceNr, _lastSequenceNr);
        _lastSequenceNr = _highestAssignedSequenceNr;
        _recovering = false;
        InvokeRecover(RecoveryCompleted.Instance);
        if (!_stopped && _pendingStashing == 0)
        {
            _internalStash.UnstashAll();
        }
    }

    private void InvokeRecover(object message)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            var type = message.GetType();

            // A replay is mostly runs of one event type: the last lookup is reused instead of asking every
            // handler's type (IsAssignableFrom is a reflection call) for every event.
            if (!ReferenceEquals(type, _lastRecoverType))
            {
                _lastRecoverHandler = FindRecoverHandler(type);
                _lastRecoverType = type;
            }

            if (_lastRecoverHandler is { } handler)
            {
                handler(message);
            }
            else if (message is not RecoveryCompleted and not SnapshotOffer)
            {
                Log.LogDebug("No recovery handler for {EventType} in {PersistenceId}", type.Name, PersistenceId);
            }
        }
        catch (Exception e)
        {
            FailRecovery(e, message);
        }
    }

    private Action<object>? FindRecoverHandler(Type type)
    {
        foreach (var (handlerType, handler) in _recoverHandlers)
        {
            if (handlerType.IsAssignableFrom(type))
            {
                return handler;
            }
        }

        return null;
    }

    private void FailRecovery(Exception cause, object? message)
    {
        if (_stopped)
        {
            return;
        }

        OnRecoveryFailure(cause, message);
        StopSelf();
    }

    private sealed record RecoveryStarted(object Incarnation, SelectedSnapshot? Snapshot) : PersistenceSignal(Incarnation);

    private sealed record EventsReplayed(object Incarnation, IReadOnlyList<PersistentRepresentation> Events, SemaphoreSlim Credits) : PersistenceSignal(Incarnation);

    private sealed record RecoveryFinished(object Incarnation, long HighestSequenceNr) : PersistenceSignal(Incarnation);

    private sealed record RecoveryFailed(object Incarnation, Exception Cause) : PersistenceSignal(Incarnation);
}
