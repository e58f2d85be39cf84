using System.Collections.Concurrent;
using System.Diagnostics;

namespace TradingActors.Actors.Internal;

/// <summary>
/// One actor's queues and its scheduling. The mailbox is itself the thread-pool work item: a sender that finds it
/// idle flips the status to scheduled (one CAS) and queues it; a turn drains system messages, then runs up to
/// <c>throughput</c> user messages, re-checking system messages after each. After a full batch the mailbox yields
/// its thread if any other work item is waiting; if none is, it carries on with another batch (bounded), which
/// saves a thread-pool round trip without taking the thread from anyone. User messages wait in a
/// <see cref="MailboxQueue"/>, whose single consumer is the actor's turn (or, once closed, whoever drains it under
/// a lock); system messages in a concurrent queue of their own.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    // Bounds how long one turn can keep its thread even when nothing else is waiting.
    private const int MaxBatchesPerTurn = 64;

    // Bounds how long a turn goes without asking whether other work waits for its thread (see BatchesToLeaveUnchecked).
    private const int MaxUncheckedBatches = 8;

    // A turn that starts this soon after its predecessor yielded, on the same thread, got the thread straight back.
    private static readonly long ImmediateResumeTicks = Stopwatch.Frequency / 100_000;

    private readonly MailboxQueue _queue = new();
    private readonly ConcurrentQueue<SystemMessage> _systemQueue = new();

    // Unstashed messages go in front of the queue; only the actor's own turn touches this.
    private readonly Stack<Envelope> _front = new();
    private readonly ActorCell _cell;
    private readonly int _throughput;
    private int _status;
    private volatile bool _closed;

    // Set after a system message is enqueued, cleared (with a full fence) before the queue is drained: the check
    // after every user message then reads one field nobody writes on the user-message path, instead of probing the
    // concurrent queue. A stale true costs one empty drain; a missed true cannot happen (see ProcessSystemMessages).
    private int _hasSystemMessages;

    // See BatchesToLeaveUnchecked; touched only by the mailbox's turns.
    private long _yieldedAt;
    private int _yieldedOnThread;
    private int _uncheckedBatches;

    public Mailbox(ActorCell cell, int throughput)
    {
        _cell = cell;
        _throughput = throughput;
    }

    public bool IsClosed => _closed;

    public void Post(Envelope envelope)
    {
        if (_closed)
        {
            _cell.SendToDeadLetters(envelope);
            return;
        }

        _queue.Enqueue(envelope.Message, envelope.Sender);
        if (_closed)
        {
            // Closed while we enqueued: the closing drain may have missed this message.
            DrainUserQueue();
            return;
        }

        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        if (_closed)
        {
            _cell.HandleSystemMessageAfterStop(message);
            return;
        }

        _systemQueue.Enqueue(message);
        Volatile.Write(ref _hasSystemMessages, 1);
        if (_closed)
        {
            DrainSystemQueue();
            return;
        }

        Schedule();
    }

    public void Prepend(Envelope envelope) => _front.Push(envelope);

    public void PrependAll(Envelope[] envelopes)
    {
        for (var i = envelopes.Length - 1; i >= 0; i--)
        {
            _front.Push(envelopes[i]);
        }
    }

    public void Schedule()
    {
        // The plain read first keeps many senders of a busy mailbox off the CAS.
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void Execute()
    {
        if (!_closed)
        {
            ProcessSystemMessages();
            var uncheckedBatches = BatchesToLeaveUnchecked();
            var cell = _cell;
            var batches = MaxBatchesPerTurn;
            while (true)
            {
                var left = _throughput;
                while (left > 0 && !_closed && cell.CanProcessUserMessages && TryDequeue(out var envelope))
                {
                    cell.Invoke(envelope);
                    left--;
                    if (Volatile.Read(ref _hasSystemMessages) != 0)
                    {
                        ProcessSystemMessages();
                    }
                }

                if (left > 0)
                {
                    _uncheckedBatches = 0;
                    break;
                }

                // A full batch yields the thread only if other work is waiting for it: re-queueing behind an
                // empty queue would cost a thread-pool round trip for nothing.
                if (--batches == 0 || (--uncheckedBatches < 0 && ThreadPool.PendingWorkItemCount > 0))
                {
                    _yieldedAt = Stopwatch.GetTimestamp();
                    _yieldedOnThread = Environment.CurrentManagedThreadId;
                    break;
                }
            }
        }

        // A full fence: a sender that enqueued after our last look either sees Idle or we see its message.
        Interlocked.Exchange(ref _status, Idle);
        if (HasWork())
        {
            Schedule();
        }
    }

    // The pending-work count scans every pool thread's queue, and counts work queued locally on other threads, which
    // this thread never runs before the global queue: a mailbox that yields for such work gets its own thread back
    // at once, so the scan and the round trip were for nothing. After such a yield the next turn runs a doubling
    // number of batches without asking (at most MaxUncheckedBatches); a yield after which the thread ran something
    // else, or a turn that empties the queue, starts asking after every batch again.
    private int BatchesToLeaveUnchecked()
    {
        if (_yieldedAt != 0)
        {
            var resumedAtOnce = _yieldedOnThread == Environment.CurrentManagedThreadId
                && Stopwatch.GetTimestamp() - _yieldedAt < ImmediateResumeTicks;
            _uncheckedBatches = resumedAtOnce ? Math.Min(Math.Max(_uncheckedBatches * 2, 1), MaxUncheckedBatches) : 0;
            _yieldedAt = 0;
        }

        return _uncheckedBatches;
    }

    /// <summary>Called on the actor's final turn: from now on everything goes to dead letters.</summary>
    public void Close()
    {
        _closed = true;
        while (_front.TryPop(out var envelope))
        {
            _cell.SendToDeadLetters(envelope);
        }

        DrainUserQueue();
        DrainSystemQueue();
    }

    private bool TryDequeue(out Envelope envelope) =>
        _front.Count > 0 ? _front.TryPop(out envelope) : _queue.TryDequeue(out envelope);

    // Once closed, whoever posts drains its own message, so a closed mailbox never needs another turn.
    private bool HasWork() =>
        !_closed
        && (!_systemQueue.IsEmpty || (_cell.CanProcessUserMessages && (_front.Count > 0 || _queue.HasItems())));

    private void ProcessSystemMessages()
    {
        // The exchange is a full fence, so the drain below cannot be read before the flag is cleared: a message
        // enqueued after the drain looked sets the flag again afterwards.
        Interlocked.Exchange(ref _hasSystemMessages, 0);
        while (!_closed && _systemQueue.TryDequeue(out var message))
        {
            _cell.SystemInvoke(message);
        }

        if (_closed)
        {
            DrainSystemQueue();
        }
    }

    private void DrainUserQueue()
    {
        // The queue takes one consumer at a time; after the close, the closing turn and every sender that raced
        // it drain here. Dead letters are published outside the lock, which they may lead back to.
        List<Envelope>? drained;
        lock (_queue)
        {
            drained = _queue.DrainAll();
        }

        foreach (var envelope in drained ?? [])
        {
            _cell.SendToDeadLetters(envelope);
        }
    }

    private void DrainSystemQueue()
    {
        while (_systemQueue.TryDequeue(out var message))
        {
            _cell.HandleSystemMessageAfterStop(message);
        }
    }
}
