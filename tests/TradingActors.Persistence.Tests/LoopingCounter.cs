using System.Collections.Concurrent;
using TradingActors.Actors;

namespace TradingActors.Persistence.Tests;

/// <summary>Persists one event after another (value = its sequence number) and records what it acknowledged.</summary>
public sealed class LoopingCounter : ReceivePersistentActor
{
    private readonly Progress _log;

    public LoopingCounter(string persistenceId, Progress log)
    {
        PersistenceId = persistenceId;
        _log = log;
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Recoveries.AddOrUpdate(PersistenceId, 1, (_, n) => n + 1);
            Self.Tell(Next.Instance);
        });
        Command<Next>(_ => Persist(new Incremented((int)LastSequenceNr + 1), e =>
        {
            _log.Acknowledged.AddOrUpdate(PersistenceId, e.By, (_, highest) => Math.Max(highest, e.By));
            Self.Tell(Next.Instance);
        }));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, Progress log) => Actors.Props.Create(() => new LoopingCounter(persistenceId, log));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.PersistFailed();
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception cause, object? @event)
    {
        _log.RecoveryFailed();
        base.OnRecoveryFailure(cause, @event);
    }

    /// <summary>Shared with the test: thread-safe counters.</summary>
    public sealed class Progress
    {
        private int _persistFailures;
        private int _recoveryFailures;

        public int PersistFailures => Volatile.Read(ref _persistFailures);

        public int RecoveryFailures => Volatile.Read(ref _recoveryFailures);

        public ConcurrentDictionary<string, int> Acknowledged { get; } = new();

        public ConcurrentDictionary<string, int> Recoveries { get; } = new();

        public void PersistFailed() => Interlocked.Increment(ref _persistFailures);

        public void RecoveryFailed() => Interlocked.Increment(ref _recoveryFailures);
    }

    private sealed class Next
    {
        public static Next Instance { get; } = new();
    }
}
