using System.Globalization;

namespace TradingActors.Persistence.CrashChild;

/// <summary>Persists one event after another, forever; each event's value is its own sequence number.</summary>
public sealed class CountingActor : ReceivePersistentActor
{
    public CountingActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<RecoveryCompleted>(_ =>
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recovered {PersistenceId} {LastSequenceNr}"));
            Self.Tell(Next.Instance);
        });
        Command<Next>(_ => Persist(new Counted(LastSequenceNr + 1), e =>
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {PersistenceId} {e.Value}"));
            Self.Tell(Next.Instance);
        }));
    }

    public override string PersistenceId { get; }

    private sealed class Next
    {
        public static Next Instance { get; } = new();
    }
}
