using System.Runtime.InteropServices;

namespace TradingActors.Actors.Internal;

/// <summary>
/// The user-message queue of a mailbox: many producers, one consumer at a time, FIFO per producer. Producers
/// reserve a slot of a ring segment with a CAS on its tail and publish the message with the slot's sequence
/// number (D. Vyukov's bounded queue, as in <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>); the
/// consumer, being alone, takes a slot with plain reads and writes where a concurrent queue pays a CAS, which makes
/// the receiving side of a busy mailbox several times cheaper. A full segment is frozen and followed by one twice
/// its size; a segment the consumer keeps up with is reused as a ring, so a steady flow allocates nothing.
/// </summary>
/// <remarks>
/// <see cref="TryDequeue"/> and <see cref="DrainAll"/> must never run on two threads at once: the mailbox calls the
/// first only on the actor's turn and the second under a lock once the actor's turns are over. The hand-over
/// between turns on different threads is ordered by the mailbox's status exchange. <see cref="HasItems"/> only
/// reads, and may run beside a consumer.
/// </remarks>
internal sealed class MailboxQueue
{
    private const int InitialSegmentSize = 32;
    private const int MaxSegmentSize = 32 * 1024;

    private Segment _head;
    private Segment _tail;

    public MailboxQueue()
    {
        _head = _tail = new Segment(InitialSegmentSize);
    }

    public void Enqueue(object message, IActorRef? sender)
    {
        while (true)
        {
            var tail = Volatile.Read(ref _tail);
            if (tail.TryEnqueue(message, sender))
            {
                return;
            }

            // Full or frozen: make sure the next segment exists and move the tail there, whoever else races us.
            var next = tail.FreezeAndLinkNext();
            Interlocked.CompareExchange(ref _tail, next, tail);
        }
    }

    /// <summary>Takes the oldest message; false when there is none or the oldest is still being written.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var head = _head;
        while (true)
        {
            if (head.TryDequeue(out envelope))
            {
                return true;
            }

            // Nothing can be reserved in a frozen segment any more: once it is drained, the next one follows.
            if (!head.IsFrozenAndDrained)
            {
                return false;
            }

            head = head.Next!;
            Volatile.Write(ref _head, head);
        }
    }

    /// <summary>
    /// Whether a message is queued or reserved (its producer is between reserving the slot and writing it). A
    /// reservation is a full fence made before the producer looks at the mailbox status, so a consumer that sets
    /// the status idle (a full fence too) and then finds no reservation can leave the rest to that producer.
    /// </summary>
    public bool HasItems()
    {
        var segment = Volatile.Read(ref _head);
        while (true)
        {
            var tail = segment.ReservedTail(out var frozen);
            if (tail != segment.Head)
            {
                return true;
            }

            if (!frozen || segment.Next is not { } next)
            {
                return false;
            }

            segment = next;
        }
    }

    /// <summary>Takes every message, waiting for those reserved but not yet written; null when there was none.</summary>
    public List<Envelope>? DrainAll()
    {
        List<Envelope>? drained = null;
        var spinner = default(SpinWait);
        while (true)
        {
            if (TryDequeue(out var envelope))
            {
                (drained ??= []).Add(envelope);
            }
            else if (HasItems())
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                return drained;
            }
        }
    }

    private struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
        public int Sequence;
    }

    // Producers contend on the tail while the consumer walks the head: each gets its own cache line.
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct HeadAndTail
    {
        [FieldOffset(64)]
        public int Tail;

        [FieldOffset(128)]
        public int Head;
    }

    private sealed class Segment
    {
        // Set in the tail to stop reservations; the bits below keep counting the reserved slots.
        private const int FrozenBit = 1 << 30;

        private readonly Slot[] _slots;
        private readonly int _mask;
        private HeadAndTail _indexes;
        private Segment? _next;

        public Segment(int size)
        {
            _slots = new Slot[size];
            _mask = size - 1;
            for (var i = 0; i < size; i++)
            {
                _slots[i].Sequence = i;
            }
        }

        public Segment? Next => Volatile.Read(ref _next);

        public int Head => Volatile.Read(ref _indexes.Head);

        public bool IsFrozenAndDrained
        {
            get
            {
                var tail = Volatile.Read(ref _indexes.Tail);
                return (tail & FrozenBit) != 0 && (tail & ~FrozenBit) == _indexes.Head;
            }
        }

        public int ReservedTail(out bool frozen)
        {
            var tail = Volatile.Read(ref _indexes.Tail);
            frozen = (tail & FrozenBit) != 0;
            return tail & ~FrozenBit;
        }

        public bool TryEnqueue(object message, IActorRef? sender)
        {
            var slots = _slots;
            var spinner = default(SpinWait);
            while (true)
            {
                var tail = Volatile.Read(ref _indexes.Tail);

                // Frozen, or at the end of the index range of a long-lived segment: a fresh segment takes over.
                if (tail >= FrozenBit - 1)
                {
                    return false;
                }

                ref var slot = ref slots[tail & _mask];
                var difference = Volatile.Read(ref slot.Sequence) - tail;
                if (difference == 0)
                {
                    if (Interlocked.CompareExchange(ref _indexes.Tail, tail + 1, tail) == tail)
                    {
                        slot.Message = message;

                        // The consumer leaves the slot cleared: a store of null would pay a write barrier for nothing.
                        if (sender is not null)
                        {
                            slot.Sender = sender;
                        }

                        Volatile.Write(ref slot.Sequence, tail + 1);
                        return true;
                    }
                }
                else if (difference < 0)
                {
                    // The slot still holds a message of the previous lap: the ring is full.
                    return false;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            var head = _indexes.Head;
            ref var slot = ref _slots[head & _mask];
            if (Volatile.Read(ref slot.Sequence) != head + 1)
            {
                envelope = default;
                return false;
            }

            envelope = new Envelope(slot.Message!, slot.Sender);
            slot.Message = null;
            slot.Sender = null;
            Volatile.Write(ref _indexes.Head, head + 1);

            // Frees the slot for the producer of the next lap, after the clearing above.
            Volatile.Write(ref slot.Sequence, head + _slots.Length);
            return true;
        }

        public Segment FreezeAndLinkNext()
        {
            var next = Volatile.Read(ref _next);
            if (next is null)
            {
                var candidate = new Segment(Math.Min(_slots.Length * 2, MaxSegmentSize));
                next = Interlocked.CompareExchange(ref _next, candidate, null) ?? candidate;
            }

            // Linked before frozen: whoever sees the freeze finds the next segment.
            Interlocked.Or(ref _indexes.Tail, FrozenBit);
            return next;
        }
    }
}
