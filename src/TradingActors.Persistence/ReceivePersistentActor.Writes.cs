using TradingActors.Actors;
using TradingActors.Persistence.Journal;

namespace TradingActors.Persistence;

public abstract partial class ReceivePersistentActor
{
    private readonly Queue<Invocation> _invocations = new();
    private List<PendingWrite> _batch = [];
    private List<PendingWrite>? _nextBatch;
    private bool _writeInFlight;
    private int _pendingStashing;
    private int _scheduled;

    /// <summary>
    /// Persists <paramref name="event"/> (wrap it in <see cref="Tagged"/> for tag queries) and runs
    /// <paramref name="handler"/> once it is durable, with the sender of the current command. New commands
    /// are stashed until the handler ran.
    /// </summary>
    protected void Persist<T>(T @event, Action<T> handler) => PersistAll([@event], handler);

    /// <summary>Persists the events in one atomic write; <paramref name="handler"/> runs for each, in order.</summary>
    protected void PersistAll<T>(IEnumerable<T> events, Action<T> handler) => Enqueue(events, handler, stashing: true);

    /// <summary>Like <see cref="Persist{T}"/> but commands keep being processed while the write is in flight.</summary>
    protected void PersistAsync<T>(T @event, Action<T> handler) => PersistAllAsync([@event], handler);

    protected void PersistAllAsync<T>(IEnumerable<T> events, Action<T> handler) => Enqueue(events, handler, stashing: false);

    /// <summary>
    /// Tags stored with every persisted event (an event adapter for tag queries, e.g. by event type); added to
    /// those of a <see cref="Tagged"/> wrapper. None by default.
    /// </summary>
    protected virtual IReadOnlyCollection<string> TagsFor(object @event) => [];

    /// <summary>Runs <paramref name="handler"/> after the handlers of everything persisted before, without storing anything.</summary>
    protected void DeferAsync<T>(T @event, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_invocations.Count == 0 && _scheduled == 0)
        {
            handler(@event);
            return;
        }

        _invocations.Enqueue(new Invocation(@event!, o => handler((T)o), Sender, 0, Stashing: false, IsDefer: true));
    }

    private void Enqueue<T>(IEnumerable<T> events, Action<T> handler, bool stashing)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (_recovering)
        {
            throw new InvalidOperationException($"{PersistenceId}: events cannot be persisted during recovery (persist from the RecoveryCompleted handler instead).");
        }

        var representations = new List<PersistentRepresentation>();
        var invocations = new List<Invocation>();
        var sender = Sender;
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            var sequenceNr = ++_highestAssignedSequenceNr;
            var tags = TagsFor(e);
            representations.Add(new PersistentRepresentation(PersistenceId, sequenceNr, e, WriterUuid, Tags: tags.Count > 0 ? tags : null));
            invocations.Add(new Invocation(e, o => handler((T)o), sender, sequenceNr, stashing, IsDefer: false));
        }

        if (representations.Count == 0)
        {
            return;
        }

        foreach (var invocation in invocations)
        {
            _invocations.Enqueue(invocation);
        }

        if (stashing)
        {
            _pendingStashing += invocations.Count;
        }

        _batch.Add(new PendingWrite(new AtomicWrite(representations), invocations));
    }

    /// <summary>Sends what the last message persisted, unless a group is in flight (then it forms the next group).</summary>
    private void Flush()
    {
        if (_batch.Count == 0 || _stopped)
        {
            return;
        }

        if (_writeInFlight)
        {
            (_nextBatch ??= []).AddRange(_batch);
            _batch = [];
            return;
        }

        var group = _batch;
        _batch = [];
        Send(group);
    }

    private void Send(List<PendingWrite> group)
    {
        _writeInFlight = true;
        var self = Self;
        var incarnation = _incarnation;
        var firstSender = group[0].Invocations[0].Sender;
        Task<IReadOnlyList<Exception?>> write;
        try
        {
            write = Persistence.Journal.WriteMessagesAsync(group.Select(w => w.Write).ToList());
        }
        catch (Exception e)
        {
            write = Task.FromException<IReadOnlyList<Exception?>>(e);
        }

        // Replying with the first sender lets the common case (one command's events) run its handlers without another hop.
        write.ContinueWith(
            t => self.Tell(
                t.IsCompletedSuccessfully
                    ? new WritesCompleted(incarnation, group, t.Result, null)
                    : new WritesCompleted(incarnation, group, null, t.Exception?.GetBaseException() ?? new TaskCanceledException()),
                firstSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnWritesCompleted(WritesCompleted completed)
    {
        _writeInFlight = false;
        if (completed.Failure is { } failure)
        {
            foreach (var write in completed.Group)
            {
                foreach (var invocation in write.Invocations)
                {
                    OnPersistFailure(failure, invocation.Event, invocation.SequenceNr);
                }
            }

            StopSelf();
            return;
        }

        for (var i = 0; i < completed.Group.Count; i++)
        {
            foreach (var invocation in completed.Group[i].Invocations)
            {
                invocation.Rejection = completed.Results![i];
                invocation.Done = true;
            }
        }

        if (_nextBatch is { Count: > 0 } next)
        {
            _nextBatch = null;
            Send(next);
        }

        Drain();
    }

    /// <summary>
    /// Runs the ready invocations at the front of the queue, in order. One whose sender differs from the
    /// current message's is re-sent to self with its own sender (so the handler sees it), and so is every
    /// one after it, to keep the order.
    /// </summary>
    private void Drain()
    {
        var current = Sender;
        while (!_stopped && _invocations.TryPeek(out var invocation) && (invocation.Done || invocation.IsDefer))
        {
            _invocations.Dequeue();
            if (_scheduled == 0 && Equals(invocation.Sender, current))
            {
                Run(invocation);
            }
            else
            {
                _scheduled++;
                Self.Tell(new RunInvocation(_incarnation, invocation), invocation.Sender);
            }
        }
    }

    private void Run(Invocation invocation)
    {
        if (_stopped)
        {
            return;
        }

        if (invocation.Stashing)
        {
            _pendingStashing--;
        }

        if (invocation.Rejection is { } rejection)
        {
            OnPersistRejected(rejection, invocation.Event, invocation.SequenceNr);
        }
        else
        {
            if (!invocation.IsDefer)
            {
                _lastSequenceNr = invocation.SequenceNr;
            }

            invocation.Handler(invocation.Event);
        }

        if (invocation.Stashing && _pendingStashing == 0 && !_recovering)
        {
            _internalStash.UnstashAll();
        }
    }

    private sealed record PendingWrite(AtomicWrite Write, List<Invocation> Invocations);

    private sealed record Invocation(object Event, Action<object> Handler, IActorRef Sender, long SequenceNr, bool Stashing, bool IsDefer)
    {
        public bool Done { get; set; }

        public Exception? Rejection { get; set; }
    }

    private sealed record WritesCompleted(object Incarnation, List<PendingWrite> Group, IReadOnlyList<Exception?>? Results, Exception? Failure)
        : PersistenceSignal(Incarnation);

    private sealed record RunInvocation(object Incarnation, Invocation Invocation) : PersistenceSignal(Incarnation);
}
