using Akka.Persistence;

namespace TradingActors.Benchmarks;

/// <summary>A persistent actor that persists what it is told to and counts events down as they are stored or replayed.</summary>
internal sealed class JournalBenchActor : ReceivePersistentActor
{
    private static readonly BenchEvent Event = new(42, "an event of about the size of a fill");

    public JournalBenchActor(string persistenceId, Countdown persisted, Countdown? recovered = null)
    {
        PersistenceId = persistenceId;
        Recover<BenchEvent>(_ => { });
        Recover<RecoveryCompleted>(_ => recovered?.Signal());
        Command<PersistOne>(_ => Persist(Event, _ => persisted.Signal()));
        Command<PersistOneAsync>(_ => PersistAsync(Event, _ => persisted.Signal()));
        Command<PersistMany>(many => PersistAll(Enumerable.Repeat(Event, many.Count), _ => persisted.Signal()));
    }

    public override string PersistenceId { get; }

    public sealed record BenchEvent(long Amount, string Note);

    public sealed record PersistOne
    {
        public static readonly PersistOne Instance = new();
    }

    public sealed record PersistOneAsync
    {
        public static readonly PersistOneAsync Instance = new();
    }

    public sealed record PersistMany(int Count);

    /// <summary>Completes when signalled <c>count</c> times.</summary>
    public sealed class Countdown(long count)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _remaining = count;

        public static Countdown None { get; } = new(long.MaxValue);

        // A journal failure stops the actor without a signal: the run fails instead of hanging.
        public Task Done => _done.Task.WaitAsync(TimeSpan.FromMinutes(10));

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.SetResult();
            }
        }
    }
}
