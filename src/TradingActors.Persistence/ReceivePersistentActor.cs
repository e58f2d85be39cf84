using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence;

/// <summary>
/// An event-sourced actor. On start and restart it recovers: snapshot offer, then the events after it,
/// then <see cref="RecoveryCompleted"/> (always); commands wait in a stash until then. Command handlers
/// (<see cref="Command{T}"/>) validate and <see cref="Persist{T}"/> events; the event handler runs once the
/// event is durable, with the original sender, and commands arriving meanwhile are stashed. Each actor
/// has at most one group of writes in flight; events emitted during a round trip form the next group.
/// A failed write (or one whose outcome is unknown) stops the actor: run it under a backoff supervisor,
/// which restarts it and it replays. A rejected write (e.g. serialization) is reported to
/// <see cref="OnPersistRejected"/> and the actor goes on (its sequence numbers stay unused).
/// Persist only from a command handler, an event handler or the <see cref="RecoveryCompleted"/> handler
/// (not after an await).
/// </summary>
public abstract partial class ReceivePersistentActor : ReceiveActor
{
    private readonly object _incarnation = new();
    private readonly List<(Type Type, Action<object> Handler)> _recoverHandlers = [];
    private readonly IStash _internalStash;
    private readonly CancellationTokenSource _stopping = new();
    private PersistenceExtension? _persistence;

    // Made on the first write: an actor that only recovers (most, after a restart of the node) needs none.
    private string? _writerUuid;
    private Type? _lastRecoverType;
    private Action<object>? _lastRecoverHandler;
    private bool _recovering = true;
    private bool _stopped;
    private long _lastSequenceNr;
    private long _highestAssignedSequenceNr;

    protected ReceivePersistentActor()
    {
        _internalStash = Context.CreateStash();
    }

    /// <summary>The stable id of this actor's event stream.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event recovered or whose handler ran (in a handler: that event's).</summary>
    public long LastSequenceNr => _lastSequenceNr;

    public bool IsRecovering => _recovering;

    private string WriterUuid => _writerUuid ??= Guid.NewGuid().ToString("N");

    /// <summary>Which snapshot recovery starts from; <see cref="SnapshotSelectionCriteria.None"/> replays everything.</summary>
    protected virtual SnapshotSelectionCriteria RecoverySnapshotCriteria => SnapshotSelectionCriteria.Latest;

    protected PersistenceExtension Persistence => _persistence ??= PersistenceExtension.Get(Context.System);

    /// <summary>Declares how a recovered event, <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/> updates the state.</summary>
    protected void Recover<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _recoverHandlers.Add((typeof(T), o => handler((T)o)));
        _lastRecoverType = null;
    }

    /// <summary>Declares a command handler (same as <c>Receive</c>; <c>Become</c> replaces command handlers).</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? when = null) => Receive(handler, when);

    /// <summary>Saves <paramref name="snapshot"/> as the state at <see cref="LastSequenceNr"/>; replies <see cref="SaveSnapshotSucceeded"/> or <see cref="SaveSnapshotFailed"/> to itself.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, _lastSequenceNr, Context.System.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var self = Self;
        Reply(Persistence.SnapshotStore.SaveAsync(metadata, snapshot), self, () => new SaveSnapshotSucceeded(metadata), e => new SaveSnapshotFailed(metadata, e));
    }

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the highest sequence number is kept. Replies <see cref="DeleteMessagesSucceeded"/> or <see cref="DeleteMessagesFailed"/>.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var self = Self;
        Reply(Persistence.Journal.DeleteMessagesToAsync(PersistenceId, toSequenceNr), self, () => new DeleteMessagesSucceeded(toSequenceNr), e => new DeleteMessagesFailed(toSequenceNr, e));
    }

    /// <summary>Replies <see cref="DeleteSnapshotsSucceeded"/> or <see cref="DeleteSnapshotsFailed"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        var self = Self;
        Reply(Persistence.SnapshotStore.DeleteAsync(PersistenceId, criteria), self, () => new DeleteSnapshotsSucceeded(criteria), e => new DeleteSnapshotsFailed(criteria, e));
    }

    /// <summary>A write failed or its outcome is unknown; the actor stops after this.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.LogError(cause, "Failed to persist event {EventType} with sequence number {SequenceNr} for persistence id {PersistenceId}; stopping",
            @event.GetType().Name, sequenceNr, PersistenceId);

    /// <summary>A write was rejected (nothing stored); the handler does not run and the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.LogWarning(cause, "Rejected event {EventType} with sequence number {SequenceNr} for persistence id {PersistenceId}",
            @event.GetType().Name, sequenceNr, PersistenceId);

    /// <summary>Recovery failed (journal unavailable, unreadable event, or a recovery handler threw); the actor stops after this.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        Log.LogError(cause, "Recovery of persistence id {PersistenceId} failed at sequence number {SequenceNr}; stopping", PersistenceId, _lastSequenceNr);

    protected override bool AroundReceive(object message)
    {
        if (_stopped)
        {
            return true;
        }

        if (message is PersistenceSignal signal)
        {
            if (ReferenceEquals(signal.Incarnation, _incarnation))
            {
                HandleSignal(signal);
                Flush();
            }

            return true;
        }

        if (_recovering || _pendingStashing > 0)
        {
            _internalStash.Stash();
            return true;
        }

        var handled = base.AroundReceive(message);
        Flush();
        return handled;
    }

    protected override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    protected override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    protected override void AroundPreRestart(Exception reason, object? message)
    {
        _stopping.Cancel();
        base.AroundPreRestart(reason, message);
    }

    protected override void AroundPostStop()
    {
        _stopping.Cancel();
        base.AroundPostStop();
    }

    private static void Reply(Task task, IActorRef self, Func<object> success, Func<Exception, object> failure) =>
        task.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? success() : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException())),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void HandleSignal(PersistenceSignal signal)
    {
        switch (signal)
        {
            case RecoveryStarted started:
                OnRecoveryStarted(started);
                break;
            case EventsReplayed replayed:
                OnEventsReplayed(replayed);
                break;
            case RecoveryFinished finished:
                OnRecoveryFinished(finished);
                break;
            case RecoveryFailed failed:
                FailRecovery(failed.Cause, null);
                break;
            case WritesCompleted completed:
                OnWritesCompleted(completed);
                break;
            case RunInvocation run:
                _scheduled--;
                Run(run.Invocation);
                Drain();
                break;
        }
    }

    private void StopSelf()
    {
        _stopped = true;
        _stopping.Cancel();
        Context.Stop(Self);
    }

    /// <summary>Internal messages, tagged with the instance that started them so a restarted actor ignores its predecessor's.</summary>
    private abstract record PersistenceSignal(object Incarnation);
}
