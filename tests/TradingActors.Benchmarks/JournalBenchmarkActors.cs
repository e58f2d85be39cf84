using TradingActors.Actors;
using TradingActors.Persistence;

namespace TradingActors.Benchmarks;

/// <summary>The event the journal benchmarks persist and recover.</summary>
public sealed record JournalBenchEvent(long Value, string Symbol);

/// <summary>Asks a <see cref="JournalBenchPersister"/> to persist <paramref name="Count"/> events one after another.</summary>
public sealed record PersistEvents(int Count, TaskCompletionSource Done);

/// <summary>Persists events one after another (each after the previous one's handler ran) when asked.</summary>
public sealed class JournalBenchPersister : ReceivePersistentActor
{
    private int _remaining;
    private TaskCompletionSource? _done;

    public JournalBenchPersister(string persistenceId, TaskCompletionSource recovered)
    {
        PersistenceId = persistenceId;
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult());
        Command<PersistEvents>(p =>
        {
            _remaining = p.Count;
            _done = p.Done;
            PersistNext();
        });
    }

    public override string PersistenceId { get; }

    private void PersistNext() => Persist(new JournalBenchEvent(LastSequenceNr, "BTCUSDT"), _ =>
    {
        if (--_remaining == 0)
        {
            _done!.TrySetResult();
        }
        else
        {
            PersistNext();
        }
    });
}

/// <summary>Recovers its events, reports how many, and stops.</summary>
public sealed class JournalBenchRecoverer : ReceivePersistentActor
{
    private long _recovered;

    public JournalBenchRecoverer(string persistenceId, TaskCompletionSource<long> done)
    {
        PersistenceId = persistenceId;
        Recover<JournalBenchEvent>(_ => _recovered++);
        Recover<RecoveryCompleted>(_ =>
        {
            done.TrySetResult(_recovered);
            Context.Stop(Self);
        });
    }

    public override string PersistenceId { get; }
}
